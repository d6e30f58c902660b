namespace Veza.Infrastructure.Realtime;

/// <summary>This process among the nodes sharing Redis: tags what it publishes and the connections it holds.</summary>
public sealed class RealtimeNode
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
