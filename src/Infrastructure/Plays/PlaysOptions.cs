using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Plays;

/// <summary>Play counting on this node (Plays:*).</summary>
public sealed class PlaysOptions
{
    public const string Section = "Plays";

    /// <summary>How often audio served on this node is added to listeners' progress (a play counts at most this late).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);
}
