using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Veza.Application.Common.Models;
using Veza.Application.Tags;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Search;

namespace Veza.Infrastructure.Tags;

/// <summary>
/// <see cref="ITagDirectory"/> over the tags table and the <c>tags</c> arrays of every kind that carries them
/// (<see cref="SearchKinds.Tagged"/>: a kind that gains tags is one more entry there). What an item may show is its
/// search kind's visibility predicate, so a tag list or page never shows what search would hide.
/// </summary>
// Statements are composed from the constant fragments of SearchKinds; every value is a parameter.
#pragma warning disable EF1002
internal sealed class PostgresTagDirectory(VezaDbContext db) : ITagDirectory
{
    private const string Columns =
        "t.name AS \"Name\", t.usage_count AS \"UsageCount\", t.track_count AS \"TrackCount\", t.listing_count AS \"ListingCount\", t.resource_count AS \"ResourceCount\"";

    private static readonly string Shown = $"t.usage_count > 0 AND {SearchKinds.CarriedVisibly("t.name")}";

    public async Task<PagedResult<TagDto>> ListAsync(string? contains, TagSort sort, PageRequest paging, Guid? viewerId, CancellationToken cancellationToken)
    {
        var where = contains is null ? Shown : $"{Shown} AND t.name LIKE @pattern ESCAPE '\\'";
        var pattern = "%" + LikePattern.Literal(contains ?? string.Empty) + "%";
        var order = sort == TagSort.Name ? "t.name" : "t.usage_count DESC, t.name";
        var rows = await db.Database.SqlQueryRaw<TagPageRow>(
                $"SELECT {Columns}, count(*) OVER () AS \"Total\" FROM tags t WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset",
                Viewer(viewerId), new NpgsqlParameter("pattern", pattern), new NpgsqlParameter("limit", paging.Limit), new NpgsqlParameter("offset", paging.Offset))
            .ToListAsync(cancellationToken);
        var total = rows.FirstOrDefault()?.Total
            ?? (paging.Offset == 0 ? 0 : await db.Database.SqlQueryRaw<long>(
                    $"SELECT count(*) AS \"Value\" FROM tags t WHERE {where}", Viewer(viewerId), new NpgsqlParameter("pattern", pattern))
                .SingleAsync(cancellationToken));
        return new PagedResult<TagDto>([.. rows.Select(r => r.ToDto())], paging.Page, paging.Limit, total);
    }

    public async Task<IReadOnlyList<TagDto>> StartingWithAsync(string prefix, int limit, Guid? viewerId, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<TagDto>(
                $"SELECT {Columns} FROM tags t WHERE t.name LIKE @pattern ESCAPE '\\' AND {Shown} ORDER BY t.usage_count DESC, t.name LIMIT @limit",
                Viewer(viewerId), new NpgsqlParameter("pattern", LikePattern.Literal(prefix) + "%"), new NpgsqlParameter("limit", limit))
            .ToListAsync(cancellationToken);

    public async Task<TagDto?> FindAsync(string name, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<TagDto>($"SELECT {Columns} FROM tags t WHERE t.name = @name AND t.usage_count > 0", new NpgsqlParameter("name", name))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<TagDetailsDto?> DetailsAsync(string name, int itemsPerKind, Guid? viewerId, CancellationToken cancellationToken)
    {
        var tag = await db.Database.SqlQueryRaw<TagDto>($"SELECT {Columns} FROM tags t WHERE t.name = @name AND {Shown}", Viewer(viewerId), new NpgsqlParameter("name", name))
            .FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }

        async Task<IReadOnlyList<TaggedItemDto>> NewestAsync(SearchKindSql kind) =>
            await db.Database.SqlQueryRaw<TaggedItemDto>(
                    $"""
                    SELECT x.id AS "Id", ({kind.Title}) AS "Title", {kind.Created} AS "At" FROM {kind.Table} x
                    WHERE x.tags @> ARRAY[@name]::text[] AND ({kind.Visible})
                    ORDER BY {kind.Created} DESC, x.id DESC LIMIT @limit
                    """,
                    Viewer(viewerId), new NpgsqlParameter("name", name), new NpgsqlParameter("limit", itemsPerKind))
                .ToListAsync(cancellationToken);

        return new TagDetailsDto(
            tag.Name, tag.UsageCount, tag.TrackCount, tag.ListingCount, tag.ResourceCount,
            await NewestAsync(SearchKinds.Tracks), await NewestAsync(SearchKinds.Listings), await NewestAsync(SearchKinds.Resources));
    }

    public async Task<IReadOnlyList<TrendingTagDto>> TrendingAsync(int days, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        // Anonymous visibility (viewer null): only what anyone may see counts towards a trend.
        var uses = string.Join("\nUNION ALL\n", SearchKinds.Tagged.Select(k =>
            $"SELECT tag, {k.Created} AS at FROM {k.Table} x, unnest(x.tags) AS tag WHERE ({k.Visible}) AND {k.Created} >= @previous AND {k.Created} < @now"));
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
        foreach (var kind in SearchKinds.Tagged)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"""
                UPDATE {kind.Table} SET tags = CASE WHEN @to = ANY(tags) THEN array_remove(tags, @from) ELSE array_replace(tags, @from, @to) END
                WHERE tags @> ARRAY[@from]::text[]
                """,
                [new NpgsqlParameter("from", source), new NpgsqlParameter("to", target)], cancellationToken);
        }

        var counts = string.Join(", ", SearchKinds.Tagged.Select(k => $"{k.TagCount} = (SELECT count(*) FROM {k.Table} x WHERE x.tags @> ARRAY[@to]::text[])"));
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
        foreach (var kind in SearchKinds.Tagged)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {kind.Table} SET tags = array_remove(tags, @name) WHERE tags @> ARRAY[@name]::text[]",
                [new NpgsqlParameter("name", name)], cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM tags WHERE name = {name}", cancellationToken);
    }

    private static NpgsqlParameter Viewer(Guid? viewerId) => new("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewerId ?? DBNull.Value };

    private sealed record TagPageRow(string Name, int UsageCount, int TrackCount, int ListingCount, int ResourceCount, long Total)
    {
        public TagDto ToDto() => new(Name, UsageCount, TrackCount, ListingCount, ResourceCount);
    }
}
#pragma warning restore EF1002
