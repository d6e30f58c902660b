using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Social;

namespace Veza.Application.Social.Commands.BlockUser;

public sealed class BlockUserCommandHandler(IBlockRepository blocks, IFollowRepository follows, IUserDirectory directory, IClock clock, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<BlockUserCommand, BlockStateDto>
{
    public async Task<BlockStateDto> Handle(BlockUserCommand request, CancellationToken cancellationToken)
    {
        var block = Block.Place(caller.UserId!.Value, request.UserId, clock.UtcNow);
        await blocks.LockPairAsync(block.BlockerId, block.BlockedId, cancellationToken);
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);

        await blocks.AddIfMissingAsync(block, cancellationToken);
        await follows.RemoveBetweenAsync(block.BlockerId, block.BlockedId, cancellationToken);
        // Any follow between them is gone: both profiles' counts change.
        invalidation.Profiles(block.BlockerId, block.BlockedId);
        return new BlockStateDto(request.UserId, Blocked: true);
    }
}
