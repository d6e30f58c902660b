using System.Text.RegularExpressions;

namespace Veza.Infrastructure;

/// <summary>This API process among the nodes sharing Redis and PostgreSQL: who relayed an event, who conducts a station, who holds a job.</summary>
public sealed partial class NodeIdentity
{
    /// <summary>The configuration key of the node's readable name (the machine's name when unset).</summary>
    public const string NameKey = "Node:Name";

    /// <summary>
    /// With the 33-character random suffix the id stays within radio_station_air.node (64 characters) and
    /// jobs.claimed_by (200).
    /// </summary>
    public const int MaxNameLength = 30;

    /// <exception cref="InvalidOperationException">A configured name that is too long or holds characters other than letters, digits, '.', '_' and '-' (start-up fails).</exception>
    public NodeIdentity(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            // A machine name may be long (a Kubernetes pod's) or odd: it is only a hint, so it is trimmed to fit.
            var machine = NotAllowed().Replace(Environment.MachineName, "-");
            Name = machine.Length > MaxNameLength ? machine[..MaxNameLength] : machine;
        }
        else if (name.Length > MaxNameLength || NotAllowed().IsMatch(name))
        {
            throw new InvalidOperationException(
                $"{NameKey} must be 1-{MaxNameLength} letters, digits, '.', '_' or '-' (it names the node in job rows and radio leases); '{name}' is not.");
        }
        else
        {
            Name = name;
        }

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
