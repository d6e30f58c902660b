using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Domain.Common;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Behaviours;

/// <summary>
/// Commands only: one transaction around the handler. After it returns, domain events are dispatched
/// in-process, integration events go to the outbox, and everything is saved and committed together.
/// A <see cref="IRecordedFailure"/> is committed too, then rethrown, so its bookkeeping survives.
/// An <see cref="IRetriedAfterConcurrentChange"/> command that loses a row race runs once more.
/// Whatever did not commit has its <see cref="RollbackActions"/> run (files written before the commit).
/// An <see cref="IStreamsBeforeItsTransaction"/> command begins its transaction itself, after streaming.
/// </summary>
public sealed class UnitOfWorkBehaviour<TRequest, TResponse>(
    IUnitOfWork unitOfWork, CommandTransaction transaction, IOutbox outbox, IMediator mediator, RollbackActions rollback)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    private static readonly bool RetriedAfterConcurrentChange = typeof(IRetriedAfterConcurrentChange).IsAssignableFrom(typeof(TRequest));

    private static readonly bool StreamsFirst = typeof(IStreamsBeforeItsTransaction).IsAssignableFrom(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
        {
            return await next();
        }

        try
        {
            return await RunInTransactionAsync(next, cancellationToken);
        }
        catch (ConcurrentChangeException) when (RetriedAfterConcurrentChange)
        {
            unitOfWork.DiscardChanges();
            return await RunInTransactionAsync(next, cancellationToken);
        }
    }

    private async Task<TResponse> RunInTransactionAsync(RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var committed = false;
        try
        {
            if (!StreamsFirst)
            {
                await transaction.BeginAsync(cancellationToken);
            }

            try
            {
                var response = await next();
                await CompleteAsync(await transaction.CurrentAsync(cancellationToken), cancellationToken);
                committed = true;
                return response;
            }
            catch (Exception ex) when (ex is IRecordedFailure)
            {
                await CompleteAsync(await transaction.CurrentAsync(cancellationToken), cancellationToken);
                committed = true;
                throw;
            }
        }
        finally
        {
            await transaction.EndAsync();
            await rollback.EndAsync(committed);
        }
    }

    private async Task CompleteAsync(ITransactionScope scope, CancellationToken cancellationToken)
    {
        // Handlers of one event may raise more; drain until quiet.
        IReadOnlyList<IDomainEvent> events;
        while ((events = unitOfWork.TakeDomainEvents()).Count > 0)
        {
            foreach (var domainEvent in events)
            {
                if (domainEvent is IIntegrationEvent integrationEvent)
                {
                    outbox.Enqueue(integrationEvent);
                }

                var notification = (INotification)Activator.CreateInstance(
                    typeof(DomainEventNotification<>).MakeGenericType(domainEvent.GetType()), domainEvent)!;
                await mediator.Publish(notification, cancellationToken);
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }
}
