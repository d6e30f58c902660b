using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Storage;

/// <summary>The sweep of stored files no row refers to, unfinished saves and killed processes' work directories (<c>Storage:Sweep:*</c>).</summary>
public sealed class OrphanSweepOptions
{
    public const string Section = "Storage:Sweep";

    /// <summary>Whether this node sweeps (with several nodes on one shared volume, one is enough; each sweeps only its own work directories).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often this node sweeps (and once at start).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long something no row refers to must have gone unwritten before it is removed: well above the longest upload
    /// and its commit, since an upload's files exist before its row does.
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(1);
}
