using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Social;

namespace Veza.Application.Social.Commands.FollowUser;

public sealed class FollowUserCommandHandler(IFollowRepository follows, IBlockRepository blocks, IUserDirectory directory, IClock clock, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<FollowUserCommand, FollowStateDto>
{
    public async Task<FollowStateDto> Handle(FollowUserCommand request, CancellationToken cancellationToken)
    {
        var follow = Follow.Start(caller.UserId!.Value, request.UserId, clock.UtcNow);
        await blocks.LockPairAsync(follow.FollowerId, follow.FolloweeId, cancellationToken);
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);

        if (await blocks.IsBlockedAsync(follow.FollowerId, follow.FolloweeId, cancellationToken))
        {
            throw new ForbiddenException("You cannot follow this user.");
        }

        await follows.AddIfMissingAsync(follow, cancellationToken);
        // Both profiles' counts change.
        invalidation.Profiles(follow.FollowerId, follow.FolloweeId);
        return new FollowStateDto(request.UserId, Following: true);
    }
}
