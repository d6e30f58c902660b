using Veza.Domain.Common;

namespace Veza.Domain.Ports;

/// <summary>One transaction around a command: its changes, its audit events and its outbox rows commit together.</summary>
public interface IUnitOfWork
{
    Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>Removes and returns the domain events raised by the aggregates tracked in this unit of work.</summary>
    IReadOnlyList<IDomainEvent> TakeDomainEvents();

    Task SaveChangesAsync(CancellationToken cancellationToken);
}

public interface ITransactionScope : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
