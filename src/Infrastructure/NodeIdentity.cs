namespace Veza.Infrastructure;

/// <summary>This API process among the nodes sharing Redis and PostgreSQL: who relayed an event, who conducts a station, who holds a job.</summary>
public sealed class NodeIdentity
{
    /// <summary>The configuration key of the node's readable name (the machine's name when unset).</summary>
    public const string NameKey = "Node:Name";

    public NodeIdentity(string? name)
    {
        Name = string.IsNullOrWhiteSpace(name) ? Environment.MachineName : name.Trim();
        // The random part keeps two processes apart even when they share a name (a restarted node, a misconfiguration):
        // a relay drops events whose origin is its own id, so ids must never collide.
        Id = $"{Name}.{Guid.NewGuid():N}";
    }

    /// <summary>The operator's name for the node (Node:Name), which starts its <see cref="Id"/>.</summary>
    public string Name { get; }

    /// <summary>Unique per process: <see cref="Name"/> and a random suffix (what job rows record as <c>claimed_by</c>).</summary>
    public string Id { get; }
}
