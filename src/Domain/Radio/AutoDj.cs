namespace Veza.Domain.Radio;

/// <summary>
/// What a station plays next: the first pending request in queue order (priority, then votes, then age),
/// else a rotation track chosen at random among those not played within the no-repeat window (the least
/// recently played when every one was).
/// </summary>
public static class AutoDj
{
    public static IEnumerable<StationRequest> QueueOrder(IEnumerable<StationRequest> pending) =>
        pending.OrderByDescending(r => r.Priority).ThenByDescending(r => r.Votes.Count).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);

    /// <param name="recentlyPlayed">Track ids, the most recent first.</param>
    public static NextTrack? ChooseNext(IReadOnlyList<StationRequest> pending, IReadOnlyList<Guid> rotation, IReadOnlyList<Guid> recentlyPlayed, int noRepeatWindow, Random random)
    {
        if (QueueOrder(pending).FirstOrDefault() is { } request)
        {
            return new NextTrack(request.TrackId, request.Id);
        }

        if (rotation.Count == 0)
        {
            return null;
        }

        var window = recentlyPlayed.Take(Math.Min(noRepeatWindow, rotation.Count - 1)).ToHashSet();
        var fresh = rotation.Where(id => !window.Contains(id)).ToList();
        if (fresh.Count > 0)
        {
            return new NextTrack(fresh[random.Next(fresh.Count)], null);
        }

        // Everything played recently: the one that waited longest.
        var lastPlayed = recentlyPlayed.Select((id, age) => (id, age)).GroupBy(p => p.id).ToDictionary(g => g.Key, g => g.Min(p => p.age));
        return new NextTrack(rotation.OrderByDescending(id => lastPlayed.GetValueOrDefault(id, int.MaxValue)).First(), null);
    }
}

/// <param name="RequestId">The request it fulfils, when it is one.</param>
public sealed record NextTrack(Guid TrackId, Guid? RequestId);
