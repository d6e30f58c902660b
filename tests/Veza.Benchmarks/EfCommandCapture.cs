using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Veza.Benchmarks;

/// <summary>
/// EF Core's commands as they execute (its DiagnosticListener), text and a copy of the parameters, while started;
/// only those whose text <c>relevant</c> accepts (a benchmark's own queries, not the background jobs polling meanwhile).
/// EF re-reads whether anyone listens to its diagnostics once a second (LoggingCacheTime): wait two before the request.
/// </summary>
internal sealed class EfCommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Func<string, bool> _relevant;

    private EfCommandCapture(Func<string, bool> relevant)
    {
        _relevant = relevant;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public List<(string Sql, NpgsqlParameter[] Parameters)> Commands { get; } = [];

    public static EfCommandCapture Start(Func<string, bool> relevant) => new(relevant);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: NpgsqlCommand command } && _relevant(command.CommandText))
        {
            lock (Commands)
            {
                Commands.Add((command.CommandText, [.. command.Parameters.Select(p => p.Clone())]));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
