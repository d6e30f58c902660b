using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure;

/// <summary>This node among several (<see cref="NodeIdentity"/>).</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>
    /// The operator's name for the node, which starts its id in job rows (<c>jobs.claimed_by</c>) and radio leases;
    /// the machine's name when unset. With the 33-character random suffix an id stays within those columns (64).
    /// </summary>
    [MaxLength(NodeIdentity.MaxNameLength)]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Node:Name holds only letters, digits, '.', '_' and '-'.")]
    public string? Name { get; set; }
}
