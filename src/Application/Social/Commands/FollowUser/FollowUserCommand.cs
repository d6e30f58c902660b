using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Social.Commands.FollowUser;

/// <summary>The caller follows the user (again: no change). Not oneself (422); not across a block, either way (403).</summary>
[Authorize]
public sealed record FollowUserCommand(Guid UserId) : ICommand<FollowStateDto>;
