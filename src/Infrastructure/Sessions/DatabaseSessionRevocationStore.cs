using Npgsql;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// The sessions table, the source of truth: answers by primary key (the fallback of the other stores)
/// and lists recent revocations (what they load or resync). One raw, auto-prepared statement each.
/// Marking is a no-op because revoked_at is written by the unit of work that revoked the session.
/// </summary>
public sealed class DatabaseSessionRevocationStore(NpgsqlDataSource dataSource) : ISessionRevocationStore
{
    public Task MarkRevokedAsync(Guid sessionId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
        return !(bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<(Guid SessionId, DateTimeOffset RevokedAt)>> ListRevokedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, revoked_at FROM sessions WHERE revoked_at > $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var revoked = new List<(Guid, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            revoked.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return revoked;
    }
}
