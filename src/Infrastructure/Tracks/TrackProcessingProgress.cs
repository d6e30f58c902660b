using Npgsql;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Tracks;

namespace Veza.Infrastructure.Tracks;

/// <summary>
/// Step progress in track_processing_steps, each write a statement of its own on a pooled connection (never
/// the job's unit of work, so the owner sees it at once and parallel steps never share a DbContext).
/// A track deleted meanwhile gets no rows (its steps went with it).
/// </summary>
internal sealed class TrackProcessingProgress(NpgsqlDataSource dataSource) : ITrackProcessingProgress, ITrackProcessingReadModel
{
    public async Task ResetAsync(Guid trackId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO track_processing_steps (track_id, step, state, started_at, finished_at, detail)
            SELECT t.id, s.step, 'pending', NULL, NULL, NULL FROM tracks t CROSS JOIN unnest($2::text[]) AS s (step) WHERE t.id = $1
            ON CONFLICT (track_id, step) DO UPDATE SET state = 'pending', started_at = NULL, finished_at = NULL, detail = NULL
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = trackId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. TrackStepNames.All.Select(s => s.ToName())] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkAsync(Guid trackId, TrackStep trackStep, TrackStepState state, DateTimeOffset now, string? detail, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO track_processing_steps (track_id, step, state, started_at, finished_at, detail)
            SELECT id, $2, $3, CASE WHEN $3 = 'running' THEN $4 END, CASE WHEN $3 IN ('done', 'skipped', 'failed') THEN $4 END, $5
            FROM tracks WHERE id = $1
            ON CONFLICT (track_id, step) DO UPDATE SET state = excluded.state,
                started_at = CASE WHEN excluded.state = 'running' THEN excluded.started_at ELSE track_processing_steps.started_at END,
                finished_at = excluded.finished_at, detail = excluded.detail
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = trackId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trackStep.ToName() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.ToName() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = detail is { Length: > 500 } ? detail[..500] : detail });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<TrackProcessingView?> GetAsync(Guid trackId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT owner_id, status, failure FROM tracks WHERE id = $1") { Parameters = { new NpgsqlParameter<Guid> { TypedValue = trackId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT step, state, started_at, finished_at, detail FROM track_processing_steps WHERE track_id = $1")
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = trackId } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var owner = reader.GetGuid(0);
        var status = TrackNames.TryParseStatus(reader.GetString(1), out var parsedStatus)
            ? parsedStatus
            : throw new InvalidOperationException($"Track {trackId} has an unknown status '{reader.GetString(1)}'.");
        TrackFailure? failure = !reader.IsDBNull(2) && TrackNames.TryParseFailure(reader.GetString(2), out var parsed) ? parsed : null;
        await reader.NextResultAsync(cancellationToken);
        var steps = new List<TrackStepRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new TrackStepRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return new TrackProcessingView(owner, status, failure, steps);
    }
}
