using Veza.Application.Common.Models;
using Veza.Application.Users;

namespace Veza.Application.Common.ReadModels;

/// <summary>Read side of user discovery and the social graph; deleted accounts are left out of every list.</summary>
public interface IUserDirectory
{
    /// <param name="search">Lower-case text to find in the username or display name (and the email when <paramref name="searchEmail"/>); null for all.</param>
    /// <param name="exceptUserId">A user to leave out (the caller, for "everyone but me").</param>
    Task<PagedResult<UserSummaryDto>> ListAsync(string? search, bool searchEmail, Guid? exceptUserId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>Ranked: exact username or display name first, then prefix, then contains; ties by username.</summary>
    Task<IReadOnlyList<UserSummaryDto>> SearchAsync(string term, int limit, CancellationToken cancellationToken);

    Task<UserProfileData?> FindProfileAsync(Guid userId, Guid viewerId, CancellationToken cancellationToken);

    /// <summary>The viewer's side of a profile, which is never cached: whether they follow or block it, and whether it blocks them.</summary>
    Task<ViewerRelation> ViewerRelationAsync(Guid userId, Guid viewerId, CancellationToken cancellationToken);

    Task<UserStatsDto> StatsAsync(Guid userId, CancellationToken cancellationToken);

    Task<PagedResult<UserSummaryDto>> ListFollowersAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);

    Task<PagedResult<UserSummaryDto>> ListFollowingAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken);

    Task<PagedResult<UserSummaryDto>> ListBlockedAsync(Guid blockerId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>True when the account exists and is not deleted.</summary>
    Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken);
}
