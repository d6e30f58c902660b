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
    bool IsBlocking,
    Marketplace.RatingSummaryDto? Rating = null);

/// <summary>The caller's counters: followers and following, their tracks (any state), and the plays and likes those tracks received.</summary>
public sealed record UserStatsDto(long Followers, long Following, long Tracks, long PlaysReceived, long LikesReceived);

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
    bool BlocksViewer,
    double? RatingAverage = null,
    int RatingCount = 0);

/// <summary>The per-viewer flags of <see cref="UserProfileData"/>.</summary>
public sealed record ViewerRelation(bool ViewerFollows, bool ViewerBlocks, bool BlocksViewer);
