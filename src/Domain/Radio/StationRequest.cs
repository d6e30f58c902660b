using Veza.Domain.Common;

namespace Veza.Domain.Radio;

/// <summary>
/// A listener asked a station to play a track. Listeners vote for pending requests; the queue plays the
/// request the owner or a DJ raised (priority), then the most voted, then the oldest. A request ends played,
/// or removed by the station's people.
/// </summary>
public sealed class StationRequest : Entity
{
    private readonly List<StationRequestVote> _votes = [];

    private StationRequest()
    {
    }

    public Guid StationId { get; private set; }
    public Guid TrackId { get; private set; }
    public Guid RequestedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Priority { get; private set; }
    public StationRequestStatus Status { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public IReadOnlyCollection<StationRequestVote> Votes => _votes;

    public static StationRequest Make(Guid stationId, Guid trackId, Guid requestedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        StationId = stationId,
        TrackId = trackId,
        RequestedBy = requestedBy,
        CreatedAt = now,
        Status = StationRequestStatus.Pending,
    };

    /// <returns>False when the user already voted for it, or it is no longer pending.</returns>
    public bool Vote(Guid userId, DateTimeOffset now)
    {
        if (Status != StationRequestStatus.Pending || _votes.Any(v => v.UserId == userId))
        {
            return false;
        }

        _votes.Add(new StationRequestVote(Id, userId, now));
        return true;
    }

    /// <summary>The owner or a DJ moves it: a higher priority plays sooner, whatever the votes.</summary>
    public bool Prioritize(int priority)
    {
        if (Status != StationRequestStatus.Pending)
        {
            return false;
        }

        Priority = priority;
        return true;
    }

    public bool Remove(DateTimeOffset now) => End(StationRequestStatus.Removed, now);

    public bool MarkPlayed(DateTimeOffset now) => End(StationRequestStatus.Played, now);

    private bool End(StationRequestStatus status, DateTimeOffset now)
    {
        if (Status != StationRequestStatus.Pending)
        {
            return false;
        }

        Status = status;
        EndedAt = now;
        return true;
    }
}

public sealed class StationRequestVote
{
    private StationRequestVote()
    {
    }

    public StationRequestVote(Guid requestId, Guid userId, DateTimeOffset createdAt) => (RequestId, UserId, CreatedAt) = (requestId, userId, createdAt);

    public Guid RequestId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum StationRequestStatus
{
    Pending = 0,
    Played = 1,
    Removed = 2,
}

public interface IStationRequestRepository
{
    Task<StationRequest?> GetAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The station's pending requests with their votes, in queue order (<see cref="AutoDj.QueueOrder"/>).</summary>
    Task<IReadOnlyList<StationRequest>> PendingAsync(Guid stationId, CancellationToken cancellationToken);

    /// <summary>How many requests the user made to the station since a time (the per-listener limit).</summary>
    Task<int> CountByRequesterSinceAsync(Guid stationId, Guid userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Whether the track was requested (pending or played) since a time (the per-track limit).</summary>
    Task<bool> TrackRequestedSinceAsync(Guid stationId, Guid trackId, DateTimeOffset since, CancellationToken cancellationToken);

    void Add(StationRequest request);
}

/// <summary>What each station played, when, and for how many listeners.</summary>
public interface IStationPlayHistory
{
    Task AddAsync(Guid stationId, OnAir onAir, int listeners, CancellationToken cancellationToken);
}
