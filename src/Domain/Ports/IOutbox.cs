using Veza.Domain.Common;

namespace Veza.Domain.Ports;

/// <summary>Queues an integration event to be stored with the current unit of work and relayed to the event bus after commit.</summary>
public interface IOutbox
{
    void Enqueue(IIntegrationEvent integrationEvent);
}
