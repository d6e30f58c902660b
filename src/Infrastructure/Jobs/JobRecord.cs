using Veza.Domain.Common;
using Veza.Infrastructure.Messaging;

namespace Veza.Infrastructure.Jobs;

/// <summary>A row of the jobs table as the unit of work inserts it; the worker reads and updates rows with SQL (<see cref="JobStore"/>).</summary>
public sealed class JobRecord
{
    public Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string Payload { get; init; }
    public string State { get; init; } = JobStates.Pending;
    public int Attempts { get; init; }
    public DateTimeOffset RunAfter { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public static JobRecord For(IJob job, DateTimeOffset now, DateTimeOffset? runAfter = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = job.Kind,
        Payload = MessageJson.Serialize(job),
        RunAfter = runAfter ?? now,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

public static class JobStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Dead = "dead";
}
