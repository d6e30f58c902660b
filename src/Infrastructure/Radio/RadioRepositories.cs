using Microsoft.EntityFrameworkCore;
using Veza.Domain.Radio;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Radio;

internal sealed class StationRepository(VezaDbContext db) : IStationRepository
{
    public Task<Station?> GetAsync(Guid stationId, CancellationToken cancellationToken) =>
        db.Set<Station>().Include(s => s.Members).FirstOrDefaultAsync(s => s.Id == stationId, cancellationToken);

    public void Add(Station station) => db.Set<Station>().Add(station);

    public void Remove(Station station) => db.Set<Station>().Remove(station);
}

internal sealed class StationRequestRepository(VezaDbContext db) : IStationRequestRepository
{
    public Task<StationRequest?> GetAsync(Guid requestId, CancellationToken cancellationToken) =>
        db.Set<StationRequest>().Include(r => r.Votes).FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);

    public async Task<IReadOnlyList<StationRequest>> PendingAsync(Guid stationId, CancellationToken cancellationToken) =>
        [.. AutoDj.QueueOrder(await db.Set<StationRequest>().Include(r => r.Votes)
            .Where(r => r.StationId == stationId && r.Status == StationRequestStatus.Pending).ToListAsync(cancellationToken))];

    public Task<int> CountByRequesterSinceAsync(Guid stationId, Guid userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Set<StationRequest>().CountAsync(r => r.StationId == stationId && r.RequestedBy == userId && r.CreatedAt >= since, cancellationToken);

    public Task<bool> TrackRequestedSinceAsync(Guid stationId, Guid trackId, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Set<StationRequest>().AnyAsync(r => r.StationId == stationId && r.TrackId == trackId && r.CreatedAt >= since && r.Status != StationRequestStatus.Removed, cancellationToken);

    public void Add(StationRequest request) => db.Set<StationRequest>().Add(request);
}

internal sealed class StationPlayHistory(VezaDbContext db) : IStationPlayHistory
{
    public Task AddAsync(Guid stationId, OnAir onAir, int listeners, CancellationToken cancellationToken)
    {
        db.Set<StationPlayRow>().Add(new StationPlayRow
        {
            Id = Guid.CreateVersion7(onAir.StartedAt),
            StationId = stationId,
            TrackId = onAir.TrackId,
            Title = onAir.Title,
            Artist = onAir.Artist,
            RequestId = onAir.RequestId,
            StartedAt = onAir.StartedAt,
            DurationSeconds = onAir.Duration?.TotalSeconds,
            Listeners = listeners,
        });
        return Task.CompletedTask;
    }
}
