using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Observability;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Outbox;

/// <summary>
/// Publishes outbox rows to the event bus strictly in id order, at least once. One node relays at a
/// time (transaction-scoped advisory lock). A failed message blocks those after it (order matters) and
/// is retried with exponential backoff; rows are only marked sent after the bus accepted them, so a
/// crash or restart loses nothing and at worst republishes (consumers de-duplicate on message id).
/// A message the bus will never take (<see cref="UndeliverableMessageException"/>) is set aside as a
/// dead letter rather than holding back every message after it for ever.
/// Publishing only queues for local listeners or hands to the broker; typed consumers got their
/// delivery jobs in the command's own transaction (see <c>EfUnitOfWork.Enqueue</c>), so the relay's
/// transaction and lock are never held while a consumer works, and a broker outage delays no consumer.
/// </summary>
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopes, IEventBus bus, OutboxSignal signal, IClock clock, IOptions<OutboxOptions> options, ILogger<OutboxRelay> logger,
    InfrastructureMetrics metrics)
    : BackgroundService
{
    private const long RelayLockKey = 0x7665_7A61_0002;

    private readonly OutageLog _outage = new(logger, "Outbox relay");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await RelayBatchAsync(stoppingToken);
                _outage.Succeeded();
                if (handled == settings.BatchSize)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _outage.Failed(ex);
            }

            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>How many messages left the queue: published, or set aside as dead letters.</returns>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VezaDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!locked)
        {
            return 0;
        }

        var batch = await db.OutboxMessages.Where(m => m.SentAt == null && m.DeadAt == null).OrderBy(m => m.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var message in batch)
        {
            var now = clock.UtcNow;
            if (message.NextAttemptAt is { } next && next > now)
            {
                break;
            }

            using var activity = InfrastructureTelemetry.Source.StartActivity($"outbox publish {message.EventType}", System.Diagnostics.ActivityKind.Producer);
            activity?.SetTag("messaging.message.id", message.MessageId);
            try
            {
                await bus.PublishAsync(new IntegrationMessage(message.MessageId, message.EventType, message.Payload, message.OccurredAt), cancellationToken);
                message.MarkSent(clock.UtcNow);
                handled++;
                metrics.Published(message.EventType);
            }
            catch (UndeliverableMessageException ex)
            {
                activity.Failed(ex);
                message.MarkUndeliverable(ex.Message, now);
                handled++;
                LogDeadLetter(logger, message.EventType, message.MessageId, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                activity.Failed(ex);
                message.MarkFailed(ex.Message, now);
                LogPublishFailed(logger, message.EventType, message.MessageId, message.Attempts, ex.Message);
                break;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return handled;
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "{EventType} {MessageId} can never be published and is set aside as a dead letter (outbox_messages.dead_at): {Error}")]
    private static partial void LogDeadLetter(ILogger logger, string eventType, Guid messageId, string error);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Publishing {EventType} {MessageId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, Guid messageId, int attempts, string error);
}
