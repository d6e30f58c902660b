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

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        NextAttemptAt = null;
    }

    /// <summary>Exponential backoff with jitter: 1 s, 2 s, 4 s ... capped at 5 minutes.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAt = now + Backoff.Exponential(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), Attempts);
    }
}
