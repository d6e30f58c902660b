using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Veza.Domain.Radio;

namespace Veza.Infrastructure.Radio;

/// <summary>What a station's air row says: who conducts it, until when, and what it put on air.</summary>
public sealed record StationAirState(string Node, DateTimeOffset LeaseUntil, OnAir? OnAir, bool SkipRequested);

/// <summary>
/// The radio_station_air table, one SQL statement per step: the lease that makes one node the conductor of
/// a station (the only one that cues, so history, requests and plays are written once), what the conductor
/// put on air (other nodes' encoders follow it), and skips asked on other nodes. Times come from the caller.
/// </summary>
public sealed class StationAir(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Takes the station's lease, or renews it; true when <paramref name="node"/> holds it until <paramref name="until"/>.</summary>
    /// <remarks>A lease is taken from another node only once it has lapsed: that node stopped renewing (it died or lost the database).</remarks>
    public async Task<bool> HoldAsync(Guid stationId, string node, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO radio_station_air (station_id, node, lease_until) VALUES ($1, $2, $4)
            ON CONFLICT (station_id) DO UPDATE SET node = $2, lease_until = $4,
                skip_requested = radio_station_air.skip_requested AND radio_station_air.node = $2
            WHERE radio_station_air.node = $2 OR radio_station_air.lease_until < $3
            RETURNING true
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = until });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>The conductor publishes what it put on air (null: nothing playable, silence).</summary>
    public async Task AnnounceAsync(Guid stationId, string node, OnAir? onAir, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE radio_station_air SET on_air = $3 WHERE station_id = $1 AND node = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
        command.Parameters.Add(new NpgsqlParameter { Value = onAir is null ? DBNull.Value : JsonSerializer.Serialize(onAir, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StationAirState?> ReadAsync(Guid stationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT node, lease_until, on_air::text, skip_requested FROM radio_station_air WHERE station_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StationAirState(
            reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : JsonSerializer.Deserialize<OnAir>(reader.GetString(2), Json), reader.GetBoolean(3));
    }

    /// <summary>A skip asked on a node that does not conduct the station: its conductor sees it on its next check.</summary>
    public async Task RequestSkipAsync(Guid stationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE radio_station_air SET skip_requested = true WHERE station_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stationId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The conductor takes a skip asked elsewhere; true when there was one.</summary>
    public async Task<bool> TakeSkipAsync(Guid stationId, string node, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE radio_station_air SET skip_requested = false WHERE station_id = $1 AND node = $2 AND skip_requested RETURNING true");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>The conductor stops (idle, deleted, shutting down): the station is off air unless another node takes it.</summary>
    public async Task ReleaseAsync(Guid stationId, string node, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM radio_station_air WHERE station_id = $1 AND node = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Stations whose conductor stopped renewing while they were on air (it died: a conductor that stops on
    /// purpose releases its lease), lapsed after <paramref name="since"/> so that long-dead ones stay off air.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> OrphanedAsync(DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT station_id FROM radio_station_air WHERE lease_until < $1 AND lease_until > $2");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stations = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stations.Add(reader.GetGuid(0));
        }

        return stations;
    }
}
