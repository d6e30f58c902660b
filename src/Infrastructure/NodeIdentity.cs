namespace Veza.Infrastructure;

/// <summary>This API process among the nodes sharing Redis and PostgreSQL: who relayed an event, who conducts a station.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
