using Microsoft.Extensions.Logging;

namespace Veza.Infrastructure.Common;

/// <summary>
/// Logging for a background loop whose dependency (PostgreSQL, NATS) is down: the first failure with
/// its stack trace, then one short line at most every <see cref="Interval"/> with how many passes
/// failed, and one line when it recovers. A loop polling every second would otherwise write a stack
/// trace per pass for the whole outage.
/// </summary>
public sealed partial class OutageLog(ILogger logger, string loop, TimeProvider? time = null)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _failures;
    private DateTimeOffset _lastLogged;

    public bool IsFailing => _failures > 0;

    public void Failed(Exception ex)
    {
        var now = _time.GetUtcNow();
        if (_failures++ == 0)
        {
            LogFirstFailure(logger, loop, ex);
            _lastLogged = now;
        }
        else if (now - _lastLogged >= Interval)
        {
            LogStillFailing(logger, loop, _failures, ex.GetType().Name, ex.Message);
            _lastLogged = now;
        }
    }

    public void Succeeded()
    {
        if (_failures > 0)
        {
            LogRecovered(logger, loop, _failures);
            _failures = 0;
        }
    }

    [LoggerMessage(EventId = 3900, Level = LogLevel.Error, Message = "{Loop} failed; retrying quietly until it recovers")]
    private static partial void LogFirstFailure(ILogger logger, string loop, Exception ex);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "{Loop} still failing: {Failures} failed passes so far ({ErrorType}: {Error})")]
    private static partial void LogStillFailing(ILogger logger, string loop, long failures, string errorType, string error);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Information, Message = "{Loop} recovered after {Failures} failed passes")]
    private static partial void LogRecovered(ILogger logger, string loop, long failures);
}
