using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Jobs;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Outbox;

/// <summary>
/// Publishes outbox rows to the event bus strictly in id order, at least once. One node relays at a
/// time (transaction-scoped advisory lock). A failed message blocks those after it (order matters) and
/// is retried with exponential backoff; rows are only marked sent after the bus accepted them, so a
/// crash or restart loses nothing and at worst republishes (consumers de-duplicate on message id).
/// Publishing only queues for subscribers (or hands to the broker), and typed consumers get a delivery
/// job each in the same transaction, so the transaction and lock are never held while a consumer works.
/// </summary>
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopes, IEventBus bus, IntegrationEventDelivery consumers, OutboxSignal signal, JobSignal jobSignal, IClock clock, IOptions<OutboxOptions> options, ILogger<OutboxRelay> logger)
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
                var published = await RelayBatchAsync(stoppingToken);
                _outage.Succeeded();
                if (published == settings.BatchSize)
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

    /// <returns>How many messages were published.</returns>
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

        var batch = await db.OutboxMessages.Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        var published = 0;
        var deliveries = 0;
        foreach (var message in batch)
        {
            var now = clock.UtcNow;
            if (message.NextAttemptAt is { } next && next > now)
            {
                break;
            }

            try
            {
                var integrationMessage = new IntegrationMessage(message.MessageId, message.EventType, message.Payload, message.OccurredAt);
                await bus.PublishAsync(integrationMessage, cancellationToken);
                message.MarkSent(clock.UtcNow);
                // The typed consumers' share, stored with "sent": a crash from here on cannot lose it.
                foreach (var delivery in consumers.JobsFor(integrationMessage))
                {
                    db.Jobs.Add(JobRecord.For(delivery, now));
                    deliveries++;
                }

                published++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed(ex.Message, now);
                LogPublishFailed(logger, message.EventType, message.MessageId, message.Attempts, ex.Message);
                break;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (deliveries > 0)
        {
            jobSignal.Notify();
        }

        return published;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Publishing {EventType} {MessageId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, Guid messageId, int attempts, string error);
}
