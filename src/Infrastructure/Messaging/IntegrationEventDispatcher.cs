using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Veza.Application.Common.Jobs;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Messaging;

/// <summary>
/// Subscribes every registered <c>IIntegrationEventConsumer</c> to its event on the bus (one consumer
/// group per handler, so across nodes each event reaches one instance of it) and runs it off the
/// relay's transaction, in a transaction of its own that also writes the inbox row
/// (message id, consumer): a redelivered event finds the row and is skipped, so nothing happens twice.
/// A handler that fails is retried as a <see cref="RedeliverIntegrationEvent"/> job (backoff, then dead).
/// </summary>
public sealed partial class IntegrationEventDispatcher(
    IEventBus bus, IEnumerable<IntegrationEventConsumerRegistration> consumers, IServiceScopeFactory scopes, IClock clock,
    ILogger<IntegrationEventDispatcher> logger)
    : BackgroundService
{
    private readonly IReadOnlyDictionary<string, IntegrationEventConsumerRegistration> _consumers = consumers.ToDictionary(c => c.Consumer, StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly HashSet<IntegrationEventConsumerRegistration> _unsubscribed = [.. consumers];

    public IntegrationEventConsumerRegistration? FindConsumer(string consumer) => _consumers.GetValueOrDefault(consumer);

    /// <summary>Runs one consumer on one message unless its inbox already has it.</summary>
    /// <returns>True when the handler ran now, false when the message had already been handled.</returns>
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

    /// <summary>Subscribes before the host goes on, so nothing published after start-up is missed; what fails is retried in the background.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        TrySubscribe();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The broker may be down at start-up: keep trying, without holding the host's start.
        while (!stoppingToken.IsCancellationRequested && !TrySubscribe())
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <returns>True when every consumer is subscribed.</returns>
    private bool TrySubscribe()
    {
        lock (_subscriptions)
        {
            foreach (var consumer in _unsubscribed.ToArray())
            {
                try
                {
                    _subscriptions.Add(bus.Subscribe(consumer.EventType, (m, ct) => DeliverAsync(consumer, m, ct), consumer.Consumer));
                    _unsubscribed.Remove(consumer);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSubscribeFailed(logger, consumer.Consumer, consumer.EventType, ex.Message);
                }
            }

            return _unsubscribed.Count == 0;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private async Task DeliverAsync(IntegrationEventConsumerRegistration consumer, IntegrationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await HandleOnceAsync(consumer, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(logger, consumer.Consumer, message.EventType, message.Id, ex);
            await ScheduleRedeliveryAsync(consumer, message, cancellationToken);
        }
    }

    private async Task ScheduleRedeliveryAsync(IntegrationEventConsumerRegistration consumer, IntegrationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
            scope.ServiceProvider.GetRequiredService<IJobScheduler>().Enqueue(RedeliverIntegrationEvent.For(consumer.Consumer, message));
            await unitOfWork.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nowhere left to keep it: the event is published and its outbox row is spent.
            LogRedeliveryLost(logger, consumer.Consumer, message.EventType, message.Id, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, Message = "Could not subscribe {Consumer} to {EventType} ({Error}); retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, string consumer, string eventType, string error);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "{Consumer} failed on {EventType} {MessageId}; scheduling a retry")]
    private static partial void LogHandlerFailed(ILogger logger, string consumer, string eventType, Guid messageId, Exception ex);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error, Message = "{Consumer} failed on {EventType} {MessageId} and its retry could not be stored ({Error}); the event is lost for this consumer")]
    private static partial void LogRedeliveryLost(ILogger logger, string consumer, string eventType, Guid messageId, string error);
}

/// <summary>A consumer failed on an event: run it again later, with the jobs' backoff and dead state.</summary>
public sealed record RedeliverIntegrationEvent(string Consumer, Guid MessageId, string EventType, string Payload, DateTimeOffset OccurredAt) : IJob
{
    public string Kind => "integration_events.redeliver";

    public static RedeliverIntegrationEvent For(string consumer, IntegrationMessage message) =>
        new(consumer, message.Id, message.EventType, message.Payload, message.OccurredAt);
}

public sealed class RedeliverIntegrationEventJobHandler(IntegrationEventDispatcher dispatcher) : IJobHandler<RedeliverIntegrationEvent>
{
    public Task Handle(RedeliverIntegrationEvent job, CancellationToken cancellationToken) =>
        dispatcher.FindConsumer(job.Consumer) is { } consumer
            ? dispatcher.HandleOnceAsync(consumer, new IntegrationMessage(job.MessageId, job.EventType, job.Payload, job.OccurredAt), cancellationToken)
            : throw new InvalidOperationException($"No consumer named {job.Consumer} is registered on this node.");
}
