namespace Veza.Infrastructure.Common;

/// <summary>The one retry schedule of background work (outbox relay, jobs).</summary>
public static class Backoff
{
    /// <summary>first, 2×first, 4×first ... capped at <paramref name="max"/>, each ±20% so retries of many items spread out.</summary>
    /// <param name="attempt">The failed attempt, from 1.</param>
    public static TimeSpan Exponential(TimeSpan first, TimeSpan max, int attempt)
    {
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromMilliseconds(Math.Min(exponential, max.TotalMilliseconds) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
