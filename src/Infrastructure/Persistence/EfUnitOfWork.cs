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

namespace Veza.Infrastructure.Persistence;

/// <summary>
/// The unit of work, the outbox and the job queue share one DbContext, so events and jobs commit with
/// the change that raised them. A transaction begun while one is open joins it: a job or event handler
/// can hold one transaction around its inbox entry and the commands it sends.
/// </summary>
public sealed class EfUnitOfWork(VezaDbContext db, OutboxSignal outboxSignal, JobSignal jobSignal, IClock clock, IntegrationEventDelivery consumers)
    : IUnitOfWork, IOutbox, IJobScheduler
{
    private bool _eventsQueued;
    private bool _jobsQueued;
    private bool _rollbackOnly;

    public async Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return new JoinedScope(this);
        }

        _rollbackOnly = false;
        return new Scope(await db.Database.BeginTransactionAsync(cancellationToken), this);
    }

    public void DiscardChanges()
    {
        db.ChangeTracker.Clear();
        _eventsQueued = _jobsQueued = false;
    }

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
            throw new ConcurrentChangeException();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
        {
            // Two changes took the same rows in opposite orders (two accepts racing on one listing): the loser lost a race, as above.
            throw new ConcurrentChangeException();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A row this change points at was deleted meanwhile (or still has rows pointing at it): a lost race, not a server error.
            throw new ConflictException("Something this change refers to was changed or deleted by another request. Reload and try again.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw UniqueIndexConflicts.Describe(db, unique.ConstraintName);
        }
    }

    /// <summary>
    /// The event goes to the outbox (for the broker) and, as one delivery job each, to this build's
    /// typed consumers: they depend on PostgreSQL alone, not on the broker being up.
    /// </summary>
    public void Enqueue(IIntegrationEvent integrationEvent)
    {
        var message = new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(integrationEvent.OccurredAt),
            EventType = integrationEvent.EventType,
            Payload = MessageJson.Serialize(integrationEvent),
            OccurredAt = integrationEvent.OccurredAt,
        };
        db.OutboxMessages.Add(message);
        _eventsQueued = true;
        foreach (var delivery in consumers.JobsFor(new IntegrationMessage(message.MessageId, message.EventType, message.Payload, message.OccurredAt)))
        {
            Enqueue(delivery);
        }
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
            if (owner._rollbackOnly)
            {
                throw new InvalidOperationException("A unit of work inside this transaction failed; the whole transaction must roll back.");
            }

            await transaction.CommitAsync(cancellationToken);
            owner.Committed();
        }

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }

    /// <summary>
    /// Inside an open transaction: the outer scope commits or rolls back everything. An inner unit
    /// that ends without committing (it threw) dooms the outer one, so a caller that catches the
    /// failure and carries on cannot commit half of the inner work.
    /// </summary>
    private sealed class JoinedScope(EfUnitOfWork owner) : ITransactionScope
    {
        private bool _committed;

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            _committed = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_committed)
            {
                owner._rollbackOnly = true;
            }

            return ValueTask.CompletedTask;
        }
    }
}
