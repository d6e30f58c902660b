using Npgsql;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// One query a batch: the owners' rows and the versions they name (a track being processed keeps everything, since
/// its job stores a cover before recording it). On pooled connections, outside any unit of work.
/// </summary>
internal sealed class StoredFileReferences(NpgsqlDataSource dataSource) : IStoredFileReferences
{
    public async Task<IReadOnlyDictionary<Guid, FolderReferences>> FindAsync(StoredFolderKind kind, IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        // Each row: the owner, whether it keeps everything, and a version it names (null for none).
        await using var command = dataSource.CreateCommand(kind switch
        {
            StoredFolderKind.Track => "SELECT id, status = 'processing', artwork_version FROM tracks WHERE id = ANY($1)",
            StoredFolderKind.Avatar => "SELECT u.id, false, a.version FROM users u LEFT JOIN user_avatars a ON a.user_id = u.id WHERE u.id = ANY($1)",
            StoredFolderKind.Listing => "SELECT l.id, false, i.id FROM listings l LEFT JOIN listing_images i ON i.listing_id = l.id WHERE l.id = ANY($1)",
            StoredFolderKind.GearFile => "SELECT id, true, NULL::uuid FROM gear_files WHERE id = ANY($1)",
            StoredFolderKind.Resource => "SELECT r.id, false, substring(v.storage_key from '[0-9a-f]{32}$')::uuid FROM shared_resources r "
                + "LEFT JOIN shared_resource_versions v ON v.resource_id = r.id WHERE r.id = ANY($1)",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ownerIds] });
        var rows = new Dictionary<Guid, (bool Everything, List<Guid> Versions)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var owner = reader.GetGuid(0);
                if (!rows.TryGetValue(owner, out var row))
                {
                    rows[owner] = row = (reader.GetBoolean(1), []);
                }

                if (!reader.IsDBNull(2))
                {
                    row.Versions.Add(reader.GetGuid(2));
                }
            }
        }

        return rows.ToDictionary(r => r.Key, r => r.Value.Everything ? FolderReferences.Everything : FolderReferences.Only(r.Value.Versions));
    }
}
