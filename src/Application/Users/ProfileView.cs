using Veza.Application.Users.Avatars;
using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>
/// Who may see what of a profile: the one rule, shared by every profile view and by what hangs off a
/// profile (its followers and following). The owner and admins always see everything; others only a
/// public profile of an account that is not deleted and whose owner does not block them.
/// </summary>
public static class ProfileView
{
    /// <summary>Whether the viewer sees the whole profile (and its follow lists), not just the restricted card.</summary>
    public static bool SeesAll(UserProfileData data, Guid viewerId, Role? viewerRole) =>
        data.Id == viewerId
        || viewerRole is Role.Admin or Role.SuperAdmin
        || (data.Status != AccountStatus.Deleted && data.Visibility != ProfileVisibility.Private && !data.BlocksViewer);

    public static UserProfileDto For(UserProfileData data, Guid viewerId, Role? viewerRole)
    {
        var isOwner = data.Id == viewerId;
        var isAdmin = viewerRole is Role.Admin or Role.SuperAdmin;
        var deleted = data.Status == AccountStatus.Deleted;
        var isPrivate = data.Visibility == ProfileVisibility.Private;
        var avatar = data.AvatarVersion is { } version ? AvatarUrls.For(data.Id, version) : null;
        if (!SeesAll(data, viewerId, viewerRole))
        {
            return new UserProfileDto(data.Id, data.Username, data.DisplayName, deleted ? null : avatar, null, null, null, null, null, null, null, null, null,
                isPrivate, deleted, Restricted: true, data.ViewerFollows, data.ViewerBlocks, Rating(data));
        }

        return new UserProfileDto(data.Id, data.Username, data.DisplayName, avatar, data.FirstName, data.LastName, data.Bio, data.Location, data.Links,
            data.CreatedAt, data.FollowersCount, data.FollowingCount, isOwner || isAdmin ? data.Email : null, isPrivate, deleted, Restricted: false,
            data.ViewerFollows, data.ViewerBlocks, Rating(data));
    }

    /// <summary>Marketplace ratings are public like the listings that show them (a private profile still shows them).</summary>
    private static Marketplace.RatingSummaryDto Rating(UserProfileData data) => new(data.RatingAverage, data.RatingCount);
}
