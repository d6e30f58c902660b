using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>A user in a list (directory, search, followers, blocks): what every viewer may see, private profile or not.</summary>
public sealed record UserSummaryDto(Guid Id, string Username, string? DisplayName, string? AvatarUrl);

/// <summary>
/// A user's profile as the caller may see it. Others see a private profile, a deleted account, or one
/// blocking them with only id, username, display name and avatar (the other fields null,
/// <see cref="Restricted"/> true). Email only to the user and to admins.
/// </summary>
public sealed record UserProfileDto(
    Guid Id,
    string Username,
    string? DisplayName,
    string? AvatarUrl,
    string? FirstName,
    string? LastName,
    string? Bio,
    string? Location,
    IReadOnlyList<string>? Links,
    DateTimeOffset? CreatedAt,
    long? FollowersCount,
    long? FollowingCount,
    string? Email,
    bool IsPrivate,
    bool IsDeleted,
    bool Restricted,
    bool IsFollowing,
    bool IsBlocking);

/// <summary>The caller's counters; grows as features arrive (tracks, plays, storage).</summary>
public sealed record UserStatsDto(long Followers, long Following);

/// <summary>Everything stored about a user that a profile view may need; the use case decides what the viewer gets.</summary>
public sealed record UserProfileData(
    Guid Id,
    string Username,
    string Email,
    string? DisplayName,
    string? FirstName,
    string? LastName,
    string? Bio,
    string? Location,
    IReadOnlyList<string> Links,
    Guid? AvatarVersion,
    DateTimeOffset CreatedAt,
    AccountStatus Status,
    ProfileVisibility Visibility,
    long FollowersCount,
    long FollowingCount,
    bool ViewerFollows,
    bool ViewerBlocks,
    bool BlocksViewer);

public static class AvatarUrls
{
    /// <summary>The avatar's URL, versioned so a new upload is a new URL; null when the user has none.</summary>
    public static string? For(Guid userId, Guid? version) => version is { } v ? $"/api/v1/users/{userId}/avatar?v={v}" : null;
}

/// <summary>Who may see what of a profile: the one rule, shared by every profile view.</summary>
public static class ProfileView
{
    public static UserProfileDto For(UserProfileData data, Guid viewerId, Role? viewerRole)
    {
        var isOwner = data.Id == viewerId;
        var isAdmin = viewerRole is Role.Admin or Role.SuperAdmin;
        var deleted = data.Status == AccountStatus.Deleted;
        var isPrivate = data.Visibility == ProfileVisibility.Private;
        var full = isOwner || isAdmin || (!deleted && !isPrivate && !data.BlocksViewer);
        var avatar = AvatarUrls.For(data.Id, data.AvatarVersion);
        if (!full)
        {
            return new UserProfileDto(data.Id, data.Username, data.DisplayName, deleted ? null : avatar, null, null, null, null, null, null, null, null, null,
                isPrivate, deleted, Restricted: true, data.ViewerFollows, data.ViewerBlocks);
        }

        return new UserProfileDto(data.Id, data.Username, data.DisplayName, avatar, data.FirstName, data.LastName, data.Bio, data.Location, data.Links,
            data.CreatedAt, data.FollowersCount, data.FollowingCount, isOwner || isAdmin ? data.Email : null, isPrivate, deleted, Restricted: false,
            data.ViewerFollows, data.ViewerBlocks);
    }
}
