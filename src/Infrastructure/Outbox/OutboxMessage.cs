using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Outbox;

/// <summary>A row of the outbox: an integration event waiting to be (or already) published.</summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public Guid MessageId { get; init; }
    public required string EventType { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When the bus refused it for good (a dead letter): kept for an operator, never retried, not backlog.</summary>
    public DateTimeOffset? DeadAt { get; private set; }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        NextAttemptAt = null;
    }

    public void MarkUndeliverable(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = Truncated(error);
        NextAttemptAt = null;
        DeadAt = now;
    }

    /// <summary>Exponential backoff with jitter: 1 s, 2 s, 4 s ... capped at 5 minutes.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = Truncated(error);
        NextAttemptAt = now + Backoff.Exponential(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), Attempts);
    }

    private static string Truncated(string error) => error.Length > 2000 ? error[..2000] : error;
}
