using Npgsql;

namespace Veza.Infrastructure.Jobs;

/// <summary>A job a worker holds: the attempt number fences every later write, so a worker whose lease ran out cannot overwrite the new holder's outcome.</summary>
/// <param name="LastError">What the previous attempt recorded, if it recorded anything.</param>
public sealed record ClaimedJob(Guid Id, string Kind, string Payload, int Attempt, string? LastError = null);

/// <summary>
/// The worker's side of the jobs table, one SQL statement per step. Claims use FOR UPDATE SKIP LOCKED,
/// so concurrent workers (threads or nodes) never take the same row, and a claim takes a lease that
/// another worker may break once it has run out. Times come from the caller (the clock port).
/// </summary>
public sealed class JobStore(NpgsqlDataSource dataSource, NodeIdentity node)
{
    /// <param name="excluding">Jobs this node already runs: never claimed again here, even if their lease lapsed.</param>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(
        string kind, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, Guid[] excluding, CancellationToken cancellationToken)
    {
        // MATERIALIZED: the locking sub-select runs exactly once, whatever the planner would prefer.
        await using var command = dataSource.CreateCommand(
            """
            WITH claimable AS MATERIALIZED (
                SELECT id FROM jobs
                WHERE kind = $1 AND run_after <= $2
                  AND (state = 'pending' OR (state = 'running' AND lease_until < $2))
                  AND NOT (id = ANY ($5))
                ORDER BY run_after
                LIMIT $4
                FOR UPDATE SKIP LOCKED)
            UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = $3, updated_at = $2, claimed_by = $6
            FROM claimable WHERE jobs.id = claimable.id
            RETURNING jobs.id, jobs.kind, jobs.payload::text, jobs.attempts, jobs.last_error
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = excluding });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedJob(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return claimed;
    }

    /// <returns>False when the job is no longer this attempt's (its lease ran out and another worker took it).</returns>
    public Task<bool> RenewLeaseAsync(ClaimedJob job, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        UpdateHeldAsync(job, "lease_until = $3, updated_at = $4", cancellationToken, leaseUntil, now);

    public Task<bool> CompleteAsync(ClaimedJob job, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateHeldAsync(job, "state = 'succeeded', lease_until = NULL, last_error = NULL, updated_at = $3, completed_at = $3", cancellationToken, now);

    public Task<bool> RetryLaterAsync(ClaimedJob job, string error, DateTimeOffset now, DateTimeOffset runAfter, CancellationToken cancellationToken) =>
        UpdateHeldAsync(job, "state = 'pending', lease_until = NULL, last_error = $3, updated_at = $4, run_after = $5", cancellationToken, Limit(error), now, runAfter);

    public Task<bool> BuryAsync(ClaimedJob job, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateHeldAsync(job, "state = 'dead', lease_until = NULL, last_error = $3, updated_at = $4, completed_at = $4", cancellationToken, Limit(error), now);

    /// <summary>Hands a job back untouched (this node is stopping): the attempt does not count.</summary>
    public Task<bool> ReleaseAsync(ClaimedJob job, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateHeldAsync(job, "state = 'pending', attempts = attempts - 1, lease_until = NULL, updated_at = $3, run_after = $3", cancellationToken, now);

    /// <summary>
    /// Deletes succeeded jobs, inbox entries, sent outbox messages, login-throttle rows and account tokens (by expiry) older than
    /// <paramref name="before"/> (a throttle untouched that long has nothing left to remember); dead jobs and outbox dead letters stay
    /// for a person to look at. Sent outbox rows go with the inbox entries that de-duplicated them: a redelivery that old cannot come.
    /// </summary>
    public async Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM jobs WHERE state = 'succeeded' AND completed_at < $1") { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = before } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM inbox_messages WHERE handled_at < $1") { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = before } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM outbox_messages WHERE sent_at < $1") { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = before } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM login_throttles WHERE updated_at < $1") { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = before } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM account_tokens WHERE expires_at < $1") { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = before } } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> UpdateHeldAsync(ClaimedJob job, string set, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand($"UPDATE jobs SET {set} WHERE id = $1 AND attempts = $2 AND state = 'running'");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = job.Id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Attempt });
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static string Limit(string error) => error.Length > 2000 ? error[..2000] : error;
}
