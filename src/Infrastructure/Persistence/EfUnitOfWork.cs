using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure.Outbox;

namespace Veza.Infrastructure.Persistence;

/// <summary>The unit of work and the outbox share one DbContext, so events commit with the change that raised them.</summary>
public sealed class EfUnitOfWork(VezaDbContext db, OutboxSignal outboxSignal) : IUnitOfWork, IOutbox
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Scope(await db.Database.BeginTransactionAsync(cancellationToken), outboxSignal);

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
            throw new ConflictException(DescribeUniqueViolation(unique.ConstraintName), FieldOf(unique.ConstraintName));
        }
    }

    public void Enqueue(IIntegrationEvent integrationEvent) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(integrationEvent.OccurredAt),
            EventType = integrationEvent.EventType,
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), PayloadJson),
            OccurredAt = integrationEvent.OccurredAt,
        });

    private static string? FieldOf(string? constraint) => constraint switch
    {
        "ux_users_normalized_username" => "username",
        "ux_users_normalized_email" => "email",
        _ => null,
    };

    private static string DescribeUniqueViolation(string? constraint) => FieldOf(constraint) switch
    {
        "username" => "This username is already taken.",
        "email" => "An account with this email already exists.",
        _ => "The resource already exists.",
    };

    private sealed class Scope(IDbContextTransaction transaction, OutboxSignal outboxSignal) : ITransactionScope
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            // Wake the relay now rather than at its next poll.
            outboxSignal.Notify();
        }

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
