using Microsoft.Extensions.Logging;

namespace Veza.Application.Common.Behaviours;

/// <summary>
/// Undo work a command did outside its transaction (files it wrote to storage) when the transaction
/// does not commit: the handler threw, saving failed (a unique index caught a race), the commit failed,
/// or the client went away. <see cref="UnitOfWorkBehaviour{TRequest, TResponse}"/> runs them, newest
/// first, after a command that did not commit, and forgets them after one that did. Actions run with
/// no cancellation (the request's token is often what failed); one that fails is logged and does not
/// stop the others or hide the command's own failure.
/// </summary>
public sealed partial class RollbackActions(ILogger<RollbackActions> logger)
{
    private readonly List<Func<CancellationToken, Task>> _actions = [];

    public void Add(Func<CancellationToken, Task> action) => _actions.Add(action);

    internal async Task EndAsync(bool committed)
    {
        var actions = _actions.ToArray();
        _actions.Clear();
        if (committed)
        {
            return;
        }

        foreach (var action in actions.Reverse())
        {
            try
            {
                await action(CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogUndoFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Undoing the uncommitted work of a command failed")]
    private static partial void LogUndoFailed(ILogger logger, Exception ex);
}
