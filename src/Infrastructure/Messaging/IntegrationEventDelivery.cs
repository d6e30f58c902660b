using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Jobs;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Messaging;

/// <summary>
/// Hands integration events to their typed consumers. The unit of work that raises an event stores,
/// with its outbox row, one <see cref="DeliverIntegrationEvent"/> job per consumer of that event: a
/// crash can delay a consumer but never lose its event, the broker being down delays nothing, and
/// the job worker (any node) runs it with the jobs' parallelism, retries and dead state. Each run
/// first inserts (message id, consumer) into the inbox in the consumer's own transaction: a second
/// run of the job (its node died after the consumer committed) finds the row and does nothing.
/// Consumers are not called in event order: deliveries run in parallel and retries come later.
/// </summary>
public sealed class IntegrationEventDelivery(IEnumerable<IntegrationEventConsumerRegistration> consumers, IServiceScopeFactory scopes, IClock clock)
{
    private readonly IReadOnlyDictionary<string, IntegrationEventConsumerRegistration> _byName = consumers.ToDictionary(c => c.Consumer, StringComparer.Ordinal);
    private readonly ILookup<string, IntegrationEventConsumerRegistration> _byEventType = consumers.ToLookup(c => c.EventType, StringComparer.Ordinal);

    /// <summary>One delivery job per consumer of the message's event type (none when nothing consumes it).</summary>
    public IEnumerable<DeliverIntegrationEvent> JobsFor(IntegrationMessage message) =>
        _byEventType[message.EventType].Select(c => DeliverIntegrationEvent.For(c.Consumer, message));

    public IntegrationEventConsumerRegistration? FindConsumer(string consumer) => _byName.GetValueOrDefault(consumer);

    /// <summary>Runs one consumer on one message unless its inbox already has it.</summary>
    /// <returns>True when the consumer ran now, false when the message had already been handled.</returns>
    public async Task<bool> HandleOnceAsync(IntegrationEventConsumerRegistration consumer, IntegrationMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        // A concurrent delivery of the same message waits on this row until the first commits, then skips.
        var recorded = await services.GetRequiredService<VezaDbContext>().Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, event_type, handled_at) VALUES ({message.Id}, {consumer.Consumer}, {message.EventType}, {clock.UtcNow}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (recorded == 0)
        {
            return false;
        }

        var integrationEvent = (IIntegrationEvent)MessageJson.Deserialize(message.Payload, consumer.EventClrType);
        await consumer.Handle(services, integrationEvent, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>Run one consumer on one published event.</summary>
public sealed record DeliverIntegrationEvent(string Consumer, Guid MessageId, string EventType, string Payload, DateTimeOffset OccurredAt) : IJob
{
    public string Kind => "integration_events.deliver";

    public static DeliverIntegrationEvent For(string consumer, IntegrationMessage message) =>
        new(consumer, message.Id, message.EventType, message.Payload, message.OccurredAt);

    public IntegrationMessage ToMessage() => new(MessageId, EventType, Payload, OccurredAt);
}

public sealed class DeliverIntegrationEventJobHandler(IntegrationEventDelivery delivery) : IJobHandler<DeliverIntegrationEvent>
{
    public Task Handle(DeliverIntegrationEvent job, CancellationToken cancellationToken) =>
        delivery.FindConsumer(job.Consumer) is { } consumer
            ? delivery.HandleOnceAsync(consumer, job.ToMessage(), cancellationToken)
            // A node without this consumer (an older build in a rolling deploy): fail, so a newer node retries it.
            : throw new InvalidOperationException($"No consumer named {job.Consumer} is registered on this node.");
}
