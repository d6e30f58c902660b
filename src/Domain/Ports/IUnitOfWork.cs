using Veza.Domain.Common;

namespace Veza.Domain.Ports;

/// <summary>One transaction around a command: its changes, its audit events and its outbox rows commit together.</summary>
public interface IUnitOfWork
{
    Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>Removes and returns the domain events raised by the aggregates tracked in this unit of work.</summary>
    IReadOnlyList<IDomainEvent> TakeDomainEvents();

    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every loaded and pending change, so the use case can run again on fresh reads.</summary>
    void DiscardChanges();
}

public interface ITransactionScope : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
