using Microsoft.Extensions.Logging;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.IntegrationTests;

public class OutageLogTests
{
    [Test]
    public void Five_minutes_of_failures_every_second_log_one_stack_trace_a_line_a_minute_and_the_recovery()
    {
        var logger = new CapturingLogger();
        var time = new SteppedTime();
        var outage = new OutageLog(logger, "Outbox relay", time);

        for (var second = 0; second < 300; second++)
        {
            outage.Failed(new InvalidOperationException("connection refused"));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        outage.Succeeded();

        Assert.That(logger.Entries.Count(e => e.Exception is not null), Is.EqualTo(1), "one stack trace");
        Assert.That(logger.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(4), "then one line a minute");
        Assert.That(logger.Entries.Last().Message, Does.Contain("recovered after 300 failed passes"));
        Assert.That(logger.Entries, Has.Count.EqualTo(6));
    }

    private sealed class SteppedTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
