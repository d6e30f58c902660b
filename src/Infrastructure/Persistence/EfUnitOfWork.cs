using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Jobs;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Outbox;
using Veza.Infrastructure.Persistence.Configurations;

namespace Veza.Infrastructure.Persistence;

/// <summary>
/// The unit of work, the outbox and the job queue share one DbContext, so events and jobs commit with
/// the change that raised them. A transaction begun while one is open joins it: a job or event handler
/// can hold one transaction around its inbox entry and the commands it sends.
/// </summary>
public sealed class EfUnitOfWork(VezaDbContext db, OutboxSignal outboxSignal, JobSignal jobSignal, IClock clock) : IUnitOfWork, IOutbox, IJobScheduler
{
    private bool _eventsQueued;
    private bool _jobsQueued;

    public async Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is not null
            ? JoinedScope.Instance
            : new Scope(await db.Database.BeginTransactionAsync(cancellationToken), this);

    public IReadOnlyList<IDomainEvent> TakeDomainEvents() =>
        db.ChangeTracker.Entries<Entity>().SelectMany(e => e.Entity.TakeDomainEvents()).ToArray();

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The resource was changed by another request. Reload it and try again.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw UniqueIndexConflicts.Describe(db, unique.ConstraintName);
        }
    }

    public void Enqueue(IIntegrationEvent integrationEvent)
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(integrationEvent.OccurredAt),
            EventType = integrationEvent.EventType,
            Payload = MessageJson.Serialize(integrationEvent),
            OccurredAt = integrationEvent.OccurredAt,
        });
        _eventsQueued = true;
    }

    public void Enqueue(IJob job, DateTimeOffset? runAfter = null)
    {
        db.Jobs.Add(JobRecord.For(job, clock.UtcNow, runAfter));
        _jobsQueued = true;
    }

    private void Committed()
    {
        // Wake the relay and the worker now rather than at their next poll.
        if (_eventsQueued)
        {
            outboxSignal.Notify();
        }

        if (_jobsQueued)
        {
            jobSignal.Notify();
        }

        _eventsQueued = _jobsQueued = false;
    }

    private sealed class Scope(IDbContextTransaction transaction, EfUnitOfWork owner) : ITransactionScope
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            owner.Committed();
        }

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }

    /// <summary>Inside an open transaction: the outer scope commits or rolls back everything.</summary>
    private sealed class JoinedScope : ITransactionScope
    {
        public static readonly JoinedScope Instance = new();

        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
