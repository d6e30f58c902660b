using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Social.Commands.UnfollowUser;

/// <summary>The caller stops following the user (not following already: no change).</summary>
[Authorize]
public sealed record UnfollowUserCommand(Guid UserId) : ICommand<FollowStateDto>;
