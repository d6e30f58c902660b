using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.Models;
using Veza.Application.Resources;
using Veza.Domain.Resources;
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
            ? resources.OrderByDescending(r => r.DownloadCount).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            : resources.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        var page = await ordered.Skip(paging.Offset).Take(paging.Limit)
            .Include(r => r.Versions).Include(r => r.Permissions).AsSplitQuery()
            .ToListAsync(cancellationToken);
        var names = await UsernamesAsync([.. page.Select(r => r.OwnerId).Distinct()], cancellationToken);
        return new PagedResult<SharedResourceDto>(
            [.. page.Select(r => ResourceProjection.ToDto(r, names[r.OwnerId], r.AccessFor(viewer, filter.ViewerIsAdmin)))], paging.Page, paging.Limit, total);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> UsernamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, cancellationToken);
}
