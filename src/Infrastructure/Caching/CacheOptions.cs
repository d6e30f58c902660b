using System.ComponentModel.DataAnnotations;
using Veza.Application.Common.Caching;

namespace Veza.Infrastructure.Caching;

public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>How long an entry lives: the backstop when a node misses an invalidation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most entries the in-memory cache holds on one node.</summary>
    [Range(100, 10_000_000)]
    public int MaxEntries { get; set; } = 50_000;

    public CacheSettings ToSettings() => new(TimeToLive);
}
