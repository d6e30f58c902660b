using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Social;

namespace Veza.Application.Social.Commands.UnblockUser;

public sealed class UnblockUserCommandHandler(IBlockRepository blocks, IUserDirectory directory, ICurrentUser caller)
    : IRequestHandler<UnblockUserCommand, BlockStateDto>
{
    public async Task<BlockStateDto> Handle(UnblockUserCommand request, CancellationToken cancellationToken)
    {
        await blocks.LockPairAsync(caller.UserId!.Value, request.UserId, cancellationToken);
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);

        await blocks.RemoveAsync(caller.UserId!.Value, request.UserId, cancellationToken);
        return new BlockStateDto(request.UserId, Blocked: false);
    }
}
