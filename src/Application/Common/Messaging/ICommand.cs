using MediatR;

namespace Veza.Application.Common.Messaging;

/// <summary>A request that changes state: it runs inside the unit-of-work transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>
/// A command that, when it loses a race for a row (another request changed it between read and
/// write), runs once more on fresh reads instead of answering 409: it then sees the winner's state
/// and decides again (a refresh token spent by the winner is reuse).
/// </summary>
public interface IRetriedAfterConcurrentChange;

/// <summary>
/// A command that streams a body to storage before it writes anything to the database (an upload): its
/// transaction begins when the handler calls <see cref="Behaviours.CommandTransaction.BeginAsync"/>, not
/// before the handler runs, so no pooled connection is held while a slow client sends its bytes. Everything
/// else is as for any command: one commit, events, outbox, and the rollback actions when it does not commit.
/// </summary>
public interface IStreamsBeforeItsTransaction;

