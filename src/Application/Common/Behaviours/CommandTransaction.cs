using Veza.Domain.Ports;

namespace Veza.Application.Common.Behaviours;

/// <summary>
/// The transaction of the command being handled: begun by <see cref="UnitOfWorkBehaviour{TRequest, TResponse}"/>
/// before the handler, or, for an <see cref="Messaging.IStreamsBeforeItsTransaction"/> command, by the handler
/// once its streaming is done (and by the behaviour after it, if the handler never wrote).
/// </summary>
public sealed class CommandTransaction(IUnitOfWork unitOfWork)
{
    private ITransactionScope? _current;

    /// <summary>Begins the command's transaction here; nothing when it has begun already.</summary>
    public async Task BeginAsync(CancellationToken cancellationToken) => _current ??= await unitOfWork.BeginTransactionAsync(cancellationToken);

    internal async Task<ITransactionScope> CurrentAsync(CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        return _current!;
    }

    internal async Task EndAsync()
    {
        if (_current is { } transaction)
        {
            _current = null;
            await transaction.DisposeAsync();
        }
    }
}
