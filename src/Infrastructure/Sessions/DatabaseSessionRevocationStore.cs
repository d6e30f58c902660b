using Npgsql;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Sessions;

/// <summary>
/// The default: asks the sessions table (the source of truth) by primary key. It runs on every
/// authenticated request, so it is one raw, auto-prepared statement rather than an EF query.
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
}
