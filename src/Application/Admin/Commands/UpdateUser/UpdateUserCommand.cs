using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Admin.Commands.UpdateUser;

/// <summary>
/// Changes a user's role, status and plan (the fields given). See <see cref="AccountModeration"/> for
/// who may change whom; <paramref name="Until"/> ends a suspension by itself.
/// </summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record UpdateUserCommand(
    Guid UserId, string? Role = null, string? Status = null, string? Reason = null, DateTimeOffset? Until = null, string? Plan = null) : ICommand<AdminUserDto>;
