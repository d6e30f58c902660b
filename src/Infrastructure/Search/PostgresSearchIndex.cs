using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Veza.Application.Search;
using Veza.Domain.Common;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Search;

/// <summary>
/// <see cref="ISearchIndex"/> on PostgreSQL: per kind, one query over its generated tsvector (prefix terms, accents
/// and case folded) or, for typos, trigram word similarity on its folded title; ranked by
/// <see cref="SearchWeights"/>; the snippet is <c>ts_headline</c> with &lt;mark&gt; around the matched words and everything else HTML-escaped. What a kind may show is its
/// <see cref="SearchKindSql.Visible"/> predicate, inside the query. A dedicated engine would replace this class.
/// </summary>
// The SQL is composed from the kinds' constant fragments (SearchKinds); every value a user gives is a parameter.
#pragma warning disable EF1002
internal sealed class PostgresSearchIndex(VezaDbContext db) : ISearchIndex
{
    /// <summary>
    /// ts_headline marks matches with control characters no stored text can hold (inputs refuse them): the snippet is
    /// then HTML-escaped whole and only those become &lt;mark&gt;, so a title or description can never inject markup.
    /// </summary>
    private const string MarkStart = "\u0002";
    private const string MarkEnd = "\u0003";
    private const string Headline = "StartSel=" + MarkStart + ", StopSel=" + MarkEnd + ", MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=1";

    public async Task<IReadOnlyDictionary<SearchKind, IReadOnlyList<SearchHitDto>>> SearchAsync(
        SearchTerms terms, IReadOnlyList<SearchKind> kinds, int limit, Guid? viewerId, CancellationToken cancellationToken)
    {
        var results = new Dictionary<SearchKind, IReadOnlyList<SearchHitDto>>();
        foreach (var kind in kinds)
        {
            var sql = SearchKinds.All[kind];
            // Each word becomes a prefix term; characters tsquery would read as syntax (after accent folding, some
            // letters turn into quotes or colons) are dropped, and a query left empty matches by typo tolerance only.
            var rows = await db.Database.SqlQueryRaw<HitRow>(
                $"""
                SELECT x.id AS "Id", ({sql.Title}) AS "Title",
                       ts_headline('veza_search', {sql.Document}, q.query, @headline) AS "Snippet",
                       (ts_rank(x.search_vector, q.query) * @w_rank
                        + word_similarity(@folded, veza_fold({sql.Title})) * @w_typo
                        + ln(1 + ({sql.Popularity})) * @w_pop)::float8 AS "Score"
                FROM {sql.Table} x,
                     (SELECT to_tsquery('veza_search', coalesce(string_agg(term || ':*', ' & '), '')) AS query
                      FROM (SELECT regexp_replace(veza_fold(word), '[&|!():''*<>\\[:space:]]+', '', 'g') AS term FROM unnest(@words) word) w
                      WHERE term <> '') q
                WHERE ({sql.Visible})
                  AND (x.search_vector @@ q.query OR @folded <% veza_fold({sql.Title}))
                ORDER BY "Score" DESC, x.id
                LIMIT @limit
                """,
                Parameters(viewerId, ("words", terms.Words.ToArray()), ("folded", terms.Text), ("limit", limit), ("headline", Headline),
                    ("w_rank", SearchWeights.FullText), ("w_typo", SearchWeights.Typo), ("w_pop", SearchWeights.Popularity)))
                .ToListAsync(cancellationToken);
            results[kind] = [.. rows.Select(r => new SearchHitDto(r.Id, r.Title.Trim(), Snippet(r.Snippet), Math.Round(r.Score, 4)))];
        }

        return results;
    }

    public async Task<IReadOnlyList<SearchSuggestionDto>> AutocompleteAsync(string prefix, int limit, Guid? viewerId, CancellationToken cancellationToken)
    {
        // Each branch walks a pattern-ops b-tree on the folded text in its own order (~<~: the database's collation could not use it) and stops at the limit.
        var rows = await db.Database.SqlQueryRaw<SuggestionRow>(
            $"""
            (SELECT x.username AS "Text", 'users' AS "Type", x.id AS "Id", 0 AS "Rank" FROM users x
             WHERE x.normalized_username LIKE @pattern ESCAPE '\' AND {SearchKinds.Users.Visible}
             ORDER BY x.normalized_username USING ~<~ LIMIT @limit)
            UNION ALL
            (SELECT x.title, 'tracks', x.id, 1 FROM tracks x
             WHERE veza_fold(x.title) LIKE veza_fold(@pattern) ESCAPE '\' AND {SearchKinds.Tracks.Visible}
             ORDER BY veza_fold(x.title) USING ~<~ LIMIT @limit)
            UNION ALL
            (SELECT x.name, 'products', x.id, 2 FROM products x
             WHERE veza_fold(x.name) LIKE veza_fold(@pattern) ESCAPE '\' AND {SearchKinds.Products.Visible}
             ORDER BY veza_fold(x.name) USING ~<~ LIMIT @limit)
            """,
            Parameters(viewerId, ("pattern", LikePattern.Literal(prefix) + "%"), ("limit", limit)))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Text.Length).ThenBy(r => r.Rank).ThenBy(r => r.Text, StringComparer.Ordinal).Take(limit).Select(r => new SearchSuggestionDto(r.Text, r.Type, r.Id))];
    }

    public async Task RecordAsync(string text, IReadOnlyList<SearchKind> kinds, int resultCount, DateTimeOffset at, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO search_queries (query, types, result_count, created_at) VALUES ({text}, {string.Join(',', kinds.Select(k => k.ToWireName()))}, {resultCount}, {at})",
            cancellationToken);

    public async Task<SearchAnalyticsDto> AnalyticsAsync(int days, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-days);
        var top = await db.Database.SqlQuery<QueryCountRow>($"""
            SELECT query AS "Query", count(*) AS "Count", avg(result_count)::float8 AS "AverageResults" FROM search_queries
            WHERE created_at >= {since} GROUP BY query ORDER BY count(*) DESC, query LIMIT {limit}
            """).ToListAsync(cancellationToken);
        var empty = await db.Database.SqlQuery<QueryCountRow>($"""
            SELECT query AS "Query", count(*) AS "Count", 0::float8 AS "AverageResults" FROM search_queries
            WHERE created_at >= {since} AND result_count = 0 GROUP BY query ORDER BY count(*) DESC, query LIMIT {limit}
            """).ToListAsync(cancellationToken);
        return new SearchAnalyticsDto(days, [.. top.Select(ToDto)], [.. empty.Select(ToDto)]);
    }

    /// <summary>The five characters that matter in HTML text and attributes are escaped (not every non-ASCII letter, as WebUtility would).</summary>
    private static string? Snippet(string? headline) =>
        headline?.Trim()
            .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal)
            .Replace(MarkStart, "<mark>", StringComparison.Ordinal).Replace(MarkEnd, "</mark>", StringComparison.Ordinal);

    private static SearchQueryCountDto ToDto(QueryCountRow r) => new(r.Query, r.Count, Math.Round(r.AverageResults, 2));

    private static object[] Parameters(Guid? viewerId, params (string Name, object Value)[] values) =>
    [
        new NpgsqlParameter("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewerId ?? DBNull.Value },
        .. values.Select(v => new NpgsqlParameter(v.Name, v.Value)),
    ];

    private sealed record HitRow(Guid Id, string Title, string? Snippet, double Score);

    private sealed record SuggestionRow(string Text, string Type, Guid Id, int Rank);

    private sealed record QueryCountRow(string Query, long Count, double AverageResults);
}
#pragma warning restore EF1002
