using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Veza.Application.Common.Models;
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
// The SQL is SearchSql's, composed from constant fragments; every value a user gives is a parameter.
#pragma warning disable EF1002
internal sealed class PostgresSearchIndex(VezaDbContext db) : ISearchIndex
{
    public async Task<IReadOnlyDictionary<SearchKind, IReadOnlyList<SearchHitDto>>> SearchAsync(
        SearchTerms terms, IReadOnlyList<SearchKind> kinds, int limit, Guid? viewerId, CancellationToken cancellationToken)
    {
        var results = new Dictionary<SearchKind, IReadOnlyList<SearchHitDto>>();
        foreach (var kind in kinds)
        {
            var rows = await db.Database.SqlQueryRaw<HitRow>(SearchSql.Kind(SearchKinds.All[kind]), SearchSql.KindParameters(terms, limit, viewerId))
                .ToListAsync(cancellationToken);
            results[kind] = [.. rows.Select(r => new SearchHitDto(r.Id, r.Title.Trim(), SearchSql.Snippet(r.Snippet), Math.Round(r.Score, 4)))];
        }

        return results;
    }

    public async Task<PagedResult<SearchHitDto>> AdvancedSearchAsync(AdvancedSearchCriteria search, PageRequest paging, Guid? viewerId, CancellationToken cancellationToken)
    {
        var (sql, parameters) = SearchSql.Advanced(search, paging, viewerId);
        var rows = await db.Database.SqlQueryRaw<PagedHitRow>(sql, parameters).ToListAsync(cancellationToken);
        var total = rows.FirstOrDefault()?.Total ?? 0;
        if (rows.Count == 0 && paging.Page > 1)
        {
            // Past the last page the window count left with the rows: the first row still carries it.
            var (firstSql, firstParameters) = SearchSql.Advanced(search, new PageRequest(1, 1), viewerId);
            total = (await db.Database.SqlQueryRaw<PagedHitRow>(firstSql, firstParameters).ToListAsync(cancellationToken)).FirstOrDefault()?.Total ?? 0;
        }

        return new PagedResult<SearchHitDto>([.. rows.Select(r => new SearchHitDto(r.Id, r.Title.Trim(), SearchSql.Snippet(r.Snippet), Math.Round(r.Score, 4)))], paging.Page, paging.Limit, total);
    }

    public async Task<IReadOnlyList<SearchSuggestionDto>> AutocompleteAsync(string prefix, int limit, Guid? viewerId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<SuggestionRow>(SearchSql.Autocomplete, SearchSql.AutocompleteParameters(prefix, limit, viewerId))
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

    private static SearchQueryCountDto ToDto(QueryCountRow r) => new(r.Query, r.Count, Math.Round(r.AverageResults, 2));

    private sealed record HitRow(Guid Id, string Title, string? Snippet, double Score);

    private sealed record PagedHitRow(Guid Id, string Title, string? Snippet, double Score, long Total);

    private sealed record SuggestionRow(string Text, string Type, Guid? Id, int Rank);

    private sealed record QueryCountRow(string Query, long Count, double AverageResults);
}
#pragma warning restore EF1002
