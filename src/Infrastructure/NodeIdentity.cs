using System.Text.RegularExpressions;

namespace Veza.Infrastructure;

/// <summary>This API process among the nodes sharing Redis and PostgreSQL: who relayed an event, who conducts a station, who holds a job.</summary>
public sealed partial class NodeIdentity
{
    public const int MaxNameLength = 30;

    /// <param name="name">Node:Name (validated at start-up by <see cref="NodeOptions"/>); null for the machine's name.</param>
    public NodeIdentity(string? name)
    {
        // A machine name may be long (a Kubernetes pod's) or odd: it is only a hint, so it is trimmed to fit.
        var chosen = string.IsNullOrWhiteSpace(name) ? NotAllowed().Replace(Environment.MachineName, "-") : name;
        Name = chosen.Length > MaxNameLength ? chosen[..MaxNameLength] : chosen;
        // The random part keeps two processes apart even when they share a name (a restarted node, a misconfiguration):
        // a relay drops events whose origin is its own id, so ids must never collide.
        Id = $"{Name}.{Guid.NewGuid():N}";
    }

    /// <summary>The operator's name for the node (Node:Name), which starts its <see cref="Id"/>.</summary>
    public string Name { get; }

    /// <summary>Unique per process: <see cref="Name"/> and a random suffix (what job rows record as <c>claimed_by</c>).</summary>
    public string Id { get; }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotAllowed();
}
