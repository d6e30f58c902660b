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
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];

    public void Add(Func<CancellationToken, Task> action) => _actions.Add(action);

    /// <summary>
    /// Work that must only happen once the command's changes are committed (telling live clients about a
    /// stored message): run in order after the commit, never after a rollback; a failure is logged.
    /// </summary>
    public void AfterCommit(Func<CancellationToken, Task> action) => _afterCommit.Add(action);

    internal async Task EndAsync(bool committed)
    {
        var actions = _actions.ToArray();
        var afterCommit = _afterCommit.ToArray();
        _actions.Clear();
        _afterCommit.Clear();
        if (committed)
        {
            foreach (var action in afterCommit)
            {
                try
                {
                    await action(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    LogAfterCommitFailed(logger, ex);
                }
            }

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

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Work after a command's commit failed (the changes are stored)")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Undoing the uncommitted work of a command failed")]
    private static partial void LogUndoFailed(ILogger logger, Exception ex);
}
