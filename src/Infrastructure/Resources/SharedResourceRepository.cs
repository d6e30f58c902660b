using Microsoft.EntityFrameworkCore;
using Veza.Domain.Resources;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Resources;

internal sealed class SharedResourceRepository(VezaDbContext db) : ISharedResourceRepository
{
    public Task<SharedResource?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<SharedResource>().Include(r => r.Versions).Include(r => r.Permissions).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public void Add(SharedResource resource) => db.Set<SharedResource>().Add(resource);

    public void Remove(SharedResource resource) => db.Set<SharedResource>().Remove(resource);

    public async Task<long> StoredBytesOfAsync(Guid ownerId, CancellationToken cancellationToken) =>
        await db.Set<ResourceVersion>().Where(v => db.Set<SharedResource>().Any(r => r.Id == v.ResourceId && r.OwnerId == ownerId)).SumAsync(v => (long?)v.Bytes, cancellationToken) ?? 0;

    /// <summary>The day's row, once (a second download that day changes nothing); none for a resource deleted meanwhile.</summary>
    public async Task<bool> RecordDownloadAsync(Guid resourceId, int version, Guid userId, DateOnly day, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO shared_resource_downloads (resource_id, version, user_id, day)
            SELECT {resourceId}, {version}, {userId}, {day} WHERE EXISTS (SELECT 1 FROM shared_resources WHERE id = {resourceId})
            ON CONFLICT DO NOTHING
            """, cancellationToken) > 0;
}
