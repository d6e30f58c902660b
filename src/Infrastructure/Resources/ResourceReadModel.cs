using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.Models;
using Veza.Application.Resources;
using Veza.Domain.Resources;
using Veza.Domain.Social;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Resources;

/// <summary>
/// Lists filter in SQL with the twin of <see cref="SharedResource.AccessFor"/> (what the viewer may view), then map a
/// page of aggregates through <see cref="ResourceProjection"/>, the mapping a single read uses.
/// </summary>
internal sealed class ResourceReadModel(VezaDbContext db) : IResourceReadModel
{
    public async Task<PagedResult<SharedResourceDto>> ListAsync(ResourceListFilter filter, PageRequest paging, CancellationToken cancellationToken)
    {
        var viewer = filter.ViewerId;
        var resources = db.Set<SharedResource>().AsNoTracking();
        if (filter.SharedWithViewerOnly)
        {
            resources = resources.Where(r => r.OwnerId != viewer && r.HiddenAt == null && r.Visibility != ResourceVisibility.Private
                && r.Permissions.Any(p => p.UserId == viewer));
        }
        else if (!filter.ViewerIsAdmin)
        {
            resources = resources.Where(r => r.OwnerId == viewer
                || (r.HiddenAt == null && (r.Visibility == ResourceVisibility.Public
                    || (r.Visibility == ResourceVisibility.Shared && r.Permissions.Any(p => p.UserId == viewer)))));
        }

        // As with tracks, someone who blocked the viewer leaves the viewer's lists (a grant still opens the resource by id).
        resources = resources.Where(r => !db.Set<Block>().Any(b => b.BlockerId == r.OwnerId && b.BlockedId == viewer));

        if (filter.Search is { } search)
        {
            var pattern = "%" + LikePattern.Literal(search) + "%";
            resources = resources.Where(r => EF.Functions.ILike(r.Title, pattern, "\\") || (r.Description != null && EF.Functions.ILike(r.Description, pattern, "\\")));
        }

        if (filter.Kind is { } kind)
        {
            resources = resources.Where(r => r.Kind == kind);
        }

        if (filter.Tag is { } tag)
        {
            resources = resources.Where(r => r.Tags.Contains(tag));
        }

        if (filter.OwnerId is { } owner)
        {
            resources = resources.Where(r => r.OwnerId == owner);
        }

        var total = await resources.LongCountAsync(cancellationToken);
        var ordered = filter.Sort == ResourceSort.Downloads
            ? resources.OrderByDescending(r => db.Set<ResourceDownloadRow>().LongCount(d => d.ResourceId == r.Id)).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            : resources.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        var page = await ordered.Skip(paging.Offset).Take(paging.Limit)
            .Include(r => r.Versions).Include(r => r.Permissions).AsSplitQuery()
            .ToListAsync(cancellationToken);
        var names = await UsernamesAsync([.. page.Select(r => r.OwnerId).Distinct()], cancellationToken);
        var downloads = await DownloadCountsAsync([.. page.Select(r => r.Id)], cancellationToken);
        return new PagedResult<SharedResourceDto>(
            [.. page.Select(r => ResourceProjection.ToDto(r, names[r.OwnerId], r.AccessFor(viewer, filter.ViewerIsAdmin), downloads.GetValueOrDefault(r.Id)))],
            paging.Page, paging.Limit, total);
    }

    public async Task<SharedResourceDto> ProjectAsync(SharedResource resource, ResourceAccess access, CancellationToken cancellationToken)
    {
        var owner = (await UsernamesAsync([resource.OwnerId], cancellationToken))[resource.OwnerId];
        var downloads = await DownloadCountsAsync([resource.Id], cancellationToken);
        return ResourceProjection.ToDto(resource, owner, access, downloads.GetValueOrDefault(resource.Id));
    }

    private async Task<Dictionary<Guid, long>> DownloadCountsAsync(IReadOnlyCollection<Guid> resourceIds, CancellationToken cancellationToken) =>
        await db.Set<ResourceDownloadRow>().AsNoTracking().Where(d => resourceIds.Contains(d.ResourceId)).GroupBy(d => d.ResourceId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, string>> UsernamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, cancellationToken);
}
