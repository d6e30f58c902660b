using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Veza.Application.Tags;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Search;

namespace Veza.Infrastructure.Tags;

/// <summary>
/// <see cref="ITagDirectory"/> over the tags table and the <c>tags</c> arrays of every kind that carries them
/// (<see cref="Kinds"/>: a kind that gains tags is one more entry). What an item may show is its search kind's
/// visibility predicate, so a tag's page never lists what search would hide.
/// </summary>
// Statements are composed from the constant fragments below; every value is a parameter.
#pragma warning disable EF1002
internal sealed class PostgresTagDirectory(VezaDbContext db) : ITagDirectory
{
    private sealed record TaggedKind(SearchKindSql Search, string CountColumn);

    private static readonly TaggedKind TrackKind = new(SearchKinds.Tracks, "track_count");
    private static readonly TaggedKind ListingKind = new(SearchKinds.Listings, "listing_count");
    private static readonly TaggedKind ResourceKind = new(SearchKinds.Resources, "resource_count");
    private static readonly TaggedKind[] Kinds = [TrackKind, ListingKind, ResourceKind];

    public async Task<TagDto?> FindAsync(string name, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<TagDto>($"""
            SELECT name AS "Name", usage_count AS "UsageCount", track_count AS "TrackCount", listing_count AS "ListingCount", resource_count AS "ResourceCount"
            FROM tags WHERE name = {name} AND usage_count > 0
            """).FirstOrDefaultAsync(cancellationToken);

    public async Task<TagDetailsDto?> DetailsAsync(string name, int itemsPerKind, Guid? viewerId, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken) is not { } tag)
        {
            return null;
        }

        async Task<IReadOnlyList<TaggedItemDto>> NewestAsync(TaggedKind kind) =>
            await db.Database.SqlQueryRaw<TaggedItemDto>(
                    $"""
                    SELECT x.id AS "Id", ({kind.Search.Title}) AS "Title", {kind.Search.Created} AS "At" FROM {kind.Search.Table} x
                    WHERE x.tags @> ARRAY[@name]::text[] AND ({kind.Search.Visible})
                    ORDER BY {kind.Search.Created} DESC, x.id DESC LIMIT @limit
                    """,
                    Viewer(viewerId), new NpgsqlParameter("name", name), new NpgsqlParameter("limit", itemsPerKind))
                .ToListAsync(cancellationToken);

        return new TagDetailsDto(
            tag.Name, tag.UsageCount, tag.TrackCount, tag.ListingCount, tag.ResourceCount,
            await NewestAsync(TrackKind), await NewestAsync(ListingKind), await NewestAsync(ResourceKind));
    }

    public async Task<IReadOnlyList<TrendingTagDto>> TrendingAsync(int days, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var uses = string.Join("\nUNION ALL\n", Kinds.Select(k =>
            $"SELECT tag, {k.Search.Created} AS at FROM {k.Search.Table} x, unnest(x.tags) AS tag WHERE ({k.Search.Visible}) AND {k.Search.Created} >= @previous AND {k.Search.Created} < @now"));
        return await db.Database.SqlQueryRaw<TrendingTagDto>(
                $"""
                SELECT tag AS "Name", "Uses", "PreviousUses", "Uses" - "PreviousUses" AS "Growth"
                FROM (SELECT tag, (count(*) FILTER (WHERE at >= @since))::int AS "Uses", (count(*) FILTER (WHERE at < @since))::int AS "PreviousUses"
                      FROM ({uses}) u GROUP BY tag) t
                WHERE "Uses" > 0
                ORDER BY "Uses" - "PreviousUses" DESC, "Uses" DESC, tag
                LIMIT @limit
                """,
                Viewer(null), new NpgsqlParameter("previous", now.AddDays(-2 * days).ToUniversalTime()), new NpgsqlParameter("since", now.AddDays(-days).ToUniversalTime()),
                new NpgsqlParameter("now", now.ToUniversalTime()), new NpgsqlParameter("limit", limit))
            .ToListAsync(cancellationToken);
    }

    public async Task<TagDto> MoveAsync(string source, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Items first, then the tag rows: the order a user's edit takes (its item, then the counts it adjusts), so the
        // two wait for each other rather than deadlock. The recount sees every committed item and holds the row, so an
        // edit committed after it adjusts the recounted value.
        foreach (var kind in Kinds)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"""
                UPDATE {kind.Search.Table} SET tags = CASE WHEN @to = ANY(tags) THEN array_remove(tags, @from) ELSE array_replace(tags, @from, @to) END
                WHERE tags @> ARRAY[@from]::text[]
                """,
                [new NpgsqlParameter("from", source), new NpgsqlParameter("to", target)], cancellationToken);
        }

        var counts = string.Join(", ", Kinds.Select(k => $"{k.CountColumn} = (SELECT count(*) FROM {k.Search.Table} x WHERE x.tags @> ARRAY[@to]::text[])"));
        await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO tags (name, track_count, listing_count, resource_count, created_at) VALUES (@to, 0, 0, 0, @now) ON CONFLICT (name) DO NOTHING;
            UPDATE tags SET {counts} WHERE name = @to;
            DELETE FROM tags WHERE name = @from;
            """,
            [new NpgsqlParameter("from", source), new NpgsqlParameter("to", target), new NpgsqlParameter("now", now.ToUniversalTime())], cancellationToken);
        return (await FindAsync(target, cancellationToken))!;
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var kind in Kinds)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {kind.Search.Table} SET tags = array_remove(tags, @name) WHERE tags @> ARRAY[@name]::text[]",
                [new NpgsqlParameter("name", name)], cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM tags WHERE name = {name}", cancellationToken);
    }

    private static NpgsqlParameter Viewer(Guid? viewerId) => new("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewerId ?? DBNull.Value };
}
#pragma warning restore EF1002
