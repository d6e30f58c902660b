using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Social;

namespace Veza.Application.Social.Commands.UnfollowUser;

public sealed class UnfollowUserCommandHandler(IFollowRepository follows, IBlockRepository blocks, IUserDirectory directory, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<UnfollowUserCommand, FollowStateDto>
{
    public async Task<FollowStateDto> Handle(UnfollowUserCommand request, CancellationToken cancellationToken)
    {
        await blocks.LockPairAsync(caller.UserId!.Value, request.UserId, cancellationToken);
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);

        await follows.RemoveAsync(caller.UserId!.Value, request.UserId, cancellationToken);
        invalidation.Profiles(caller.UserId!.Value, request.UserId);
        return new FollowStateDto(request.UserId, Following: false);
    }
}
