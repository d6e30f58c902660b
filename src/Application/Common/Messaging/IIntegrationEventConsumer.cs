using Veza.Domain.Common;

namespace Veza.Application.Common.Messaging;

/// <summary>
/// Consumes one integration event after it was published (off the publishing transaction, possibly on
/// another node). Runs at most once per event and handler: the dispatcher records the event id in the
/// inbox in the same transaction as the handler's changes. A failure is retried as a background job.
/// </summary>
public interface IIntegrationEventConsumer<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task Handle(TEvent integrationEvent, CancellationToken cancellationToken);
}
