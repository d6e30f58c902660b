using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Social.Commands.UnblockUser;

/// <summary>The caller lifts their block of the user (none: no change). Follows removed by the block do not come back.</summary>
[Authorize]
public sealed record UnblockUserCommand(Guid UserId) : ICommand<BlockStateDto>;
