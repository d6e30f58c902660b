using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Ports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Observability;

/// <summary>
/// Reads the outbox backlog and job counts in one query for a scrape. A failed read keeps the previous
/// snapshot (the database's own health is /health's business, not the scrape's).
/// </summary>
public sealed class OperationalStatsProbe(IServiceScopeFactory scopes, InfrastructureMetrics metrics, IClock clock)
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VezaDbContext>();
            var row = await db.Database.SqlQuery<StatsRow>($"""
                SELECT (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL) AS "Backlog",
                       (SELECT min(occurred_at) FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL) AS "OldestUnsent",
                       (SELECT count(*) FROM outbox_messages WHERE dead_at IS NOT NULL) AS "DeadLetters",
                       (SELECT count(*) FROM jobs WHERE state = 'pending') AS "Queued",
                       (SELECT count(*) FROM jobs WHERE state = 'running') AS "Running",
                       (SELECT count(*) FROM jobs WHERE state = 'dead') AS "Dead"
                """).SingleAsync(timeout.Token);
            var age = row.OldestUnsent is { } oldest ? clock.UtcNow - oldest : TimeSpan.Zero;
            metrics.Snapshot = new OperationalStats(row.Backlog, age < TimeSpan.Zero ? TimeSpan.Zero : age, row.DeadLetters, row.Queued, row.Running, row.Dead);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Keep the last snapshot.
        }
    }

    private sealed record StatsRow(long Backlog, DateTimeOffset? OldestUnsent, long DeadLetters, long Queued, long Running, long Dead);
}
