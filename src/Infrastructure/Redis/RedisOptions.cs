using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>. Empty: in-memory adapters.</summary>
    public string? Configuration { get; set; }

    [Required]
    public string KeyPrefix { get; set; } = "veza:";

    /// <summary>Longest a single Redis call may take before the node falls back.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a node checks that its realtime subscription still hears the channel (it publishes a probe
    /// and waits for it to come back); one found lost is made again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SubscriptionCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
