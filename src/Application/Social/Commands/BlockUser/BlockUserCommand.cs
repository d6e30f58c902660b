using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Social.Commands.BlockUser;

/// <summary>The caller blocks the user (again: no change): follows between them end both ways. Not oneself (422).</summary>
[Authorize]
public sealed record BlockUserCommand(Guid UserId) : ICommand<BlockStateDto>;
