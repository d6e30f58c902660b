using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Users.Commands.UpdateProfile;

/// <summary>
/// Changes the caller's profile: a field left out (or null) stays as it is, an empty string clears it,
/// <see cref="Links"/> replaces the whole list. Nothing else of the account can be set here.
/// </summary>
[Authorize]
public sealed record UpdateProfileCommand(
    string? FirstName = null,
    string? LastName = null,
    string? DisplayName = null,
    [MultilineText] string? Bio = null,
    string? Location = null,
    IReadOnlyList<string>? Links = null) : ICommand<UserProfileDto>;
