using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Queries.GetUserProfile;

/// <summary>
/// Reads the profile's viewer-independent part through the cache (its viewer flags cleared before it is stored)
/// and the viewer's relation to it from the source on every call, so no viewer ever sees another's flags.
/// </summary>
public sealed class GetUserProfileQueryHandler(IUserDirectory directory, ICurrentUser caller, ICache cache, CacheSettings cacheSettings)
    : IRequestHandler<GetUserProfileQuery, UserProfileDto>
{
    public async Task<UserProfileDto> Handle(GetUserProfileQuery request, CancellationToken cancellationToken)
    {
        var viewerId = caller.UserId!.Value;
        var key = CacheKeys.Profile(request.UserId);
        var data = await cache.GetAsync<UserProfileData>(key, cancellationToken);
        if (data is null)
        {
            data = await directory.FindProfileAsync(request.UserId, viewerId, cancellationToken) ?? throw new NotFoundException("No such user.");
            await cache.SetAsync(key, data with { ViewerFollows = false, ViewerBlocks = false, BlocksViewer = false }, cacheSettings.TimeToLive, cancellationToken);
        }
        else if (viewerId != request.UserId)
        {
            var relation = await directory.ViewerRelationAsync(request.UserId, viewerId, cancellationToken);
            data = data with { ViewerFollows = relation.ViewerFollows, ViewerBlocks = relation.ViewerBlocks, BlocksViewer = relation.BlocksViewer };
        }

        return ProfileView.For(data, viewerId, caller.Role);
    }
}
