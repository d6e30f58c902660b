using Npgsql;
using NpgsqlTypes;
using Veza.Application.Common.Models;
using Veza.Application.Search;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Search;

/// <summary>
/// The statements <see cref="PostgresSearchIndex"/> runs, with their parameters and the snippet escaping: one place,
/// so the benchmark's raw baseline runs exactly what the API does.
/// </summary>
public static class SearchSql
{
    /// <summary>
    /// ts_headline marks matches with control characters no stored text can hold (inputs refuse them): the snippet is
    /// then HTML-escaped whole and only those become &lt;mark&gt;, so a title or description can never inject markup.
    /// </summary>
    private const string MarkStart = "\u0002";
    private const string MarkEnd = "\u0003";
    private const string Headline = "StartSel=" + MarkStart + ", StopSel=" + MarkEnd + ", MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=1";

    /// <summary>
    /// One kind's search. Each word becomes a prefix term; characters tsquery would read as syntax (after accent
    /// folding, some letters turn into quotes or colons) are dropped, and a query left empty matches by typo tolerance only.
    /// </summary>
    public static string Kind(SearchKindSql sql) =>
        $"""
        SELECT x.id AS "Id", ({sql.Title}) AS "Title",
               ts_headline('veza_search', {sql.Document}, q.query, @headline) AS "Snippet",
               (ts_rank(x.search_vector, q.query) * @w_rank
                + word_similarity(@folded, veza_fold({sql.Title})) * @w_typo
                + ln(1 + ({sql.Popularity})) * @w_pop)::float8 AS "Score"
        FROM {sql.Table} x, {Query} q
        WHERE ({sql.Visible})
          AND (x.search_vector @@ q.query OR @folded <% veza_fold({sql.Title}))
        ORDER BY "Score" DESC, x.id
        LIMIT @limit
        """;

    /// <summary>
    /// One kind, filtered, sorted and paged (<see cref="AdvancedSearchCriteria"/>). Only the filters asked become predicates;
    /// each names its value as a parameter. Without words nothing is ranked (score 0) and the snippet is the start of the document.
    /// </summary>
    public static (string Sql, object[] Parameters) Advanced(AdvancedSearchCriteria search, PageRequest paging, Guid? viewerId)
    {
        var kind = SearchKinds.All[search.Kind];
        var where = new List<string> { $"({kind.Visible})" };
        var values = new List<(string Name, object Value)> { ("limit", paging.Limit), ("offset", paging.Offset) };
        void Filter(string predicate, string name, object value)
        {
            where.Add(predicate);
            values.Add((name, value));
        }

        if (search.Terms is { } terms)
        {
            where.Add($"(x.search_vector @@ q.query OR @folded <% veza_fold({kind.Title}))");
            values.AddRange([("words", terms.Words.ToArray()), ("folded", terms.Text), ("headline", Headline),
                ("w_rank", SearchWeights.FullText), ("w_typo", SearchWeights.Typo), ("w_pop", SearchWeights.Popularity)]);
        }

        if (search.UserId is { } userId && kind.Owner is { } owner) Filter($"{owner} = @user_id", "user_id", userId);
        if (search.From is { } from) Filter($"{kind.Created} >= @from", "from", from.ToUniversalTime());
        if (search.To is { } to) Filter($"{kind.Created} <= @to", "to", to.ToUniversalTime());
        if (search.Genre is { } genre) Filter("lower(x.genre) = lower(@genre)", "genre", genre);
        if (search.Tags is { } tags) Filter(search.AllTags ? "x.tags @> @tags" : "x.tags && @tags", "tags", tags.ToArray());
        if (search.MinDurationSeconds is { } min) Filter("x.duration >= make_interval(secs => @min_duration)", "min_duration", (double)min);
        if (search.MaxDurationSeconds is { } max) Filter("x.duration <= make_interval(secs => @max_duration)", "max_duration", (double)max);
        if (search.MinPrice is { } minPrice) Filter("x.price >= @min_price", "min_price", minPrice);
        if (search.MaxPrice is { } maxPrice) Filter("x.price <= @max_price", "max_price", maxPrice);
        if (search.CategoryId is { } category)
        {
            Filter("x.category_id IN (WITH RECURSIVE down(id) AS (SELECT @category UNION ALL SELECT c.id FROM categories c JOIN down ON c.parent_id = down.id) SELECT id FROM down)",
                "category", category);
        }

        if (search.Condition is { } condition) Filter("x.condition = @condition", "condition", condition);
        if (search.ListingKind is { } listingKind) Filter("x.kind = @kind", "kind", listingKind);
        if (search.HasTracks is { } hasTracks)
        {
            Filter("EXISTS (SELECT 1 FROM tracks t WHERE t.owner_id = x.id AND t.visibility = 'public' AND t.status = 'ready' AND t.hidden_at IS NULL) = @has_tracks",
                "has_tracks", hasTracks);
        }

        if (search.Brand is { } brand) Filter("lower(x.brand) = lower(@brand)", "brand", brand);

        var ranked = search.Terms is not null;
        var order = search.Sort switch
        {
            AdvancedSearchSort.Relevance => "\"Score\" DESC, x.id",
            AdvancedSearchSort.New => $"{kind.Created} DESC NULLS LAST, x.id DESC",
            AdvancedSearchSort.Popular => $"({kind.Popularity}) DESC, x.id",
            AdvancedSearchSort.Title => $"veza_fold({kind.Title}), x.id",
            AdvancedSearchSort.PriceAsc => "x.price ASC NULLS LAST, x.id",
            AdvancedSearchSort.PriceDesc => "x.price DESC NULLS LAST, x.id",
            _ => throw new ArgumentOutOfRangeException(nameof(search), search.Sort, "Unknown sort."),
        };
        var sql = $"""
            SELECT x.id AS "Id", ({kind.Title}) AS "Title",
                   {(ranked ? $"ts_headline('veza_search', {kind.Document}, q.query, @headline)" : $"left({kind.Document}, 200)")} AS "Snippet",
                   {(ranked ? $"(ts_rank(x.search_vector, q.query) * @w_rank + word_similarity(@folded, veza_fold({kind.Title})) * @w_typo + ln(1 + ({kind.Popularity})) * @w_pop)::float8" : "0::float8")} AS "Score",
                   count(*) OVER () AS "Total"
            FROM {kind.Table} x{(ranked ? $", {Query} q" : "")}
            WHERE {string.Join("\n  AND ", where)}
            ORDER BY {order}
            LIMIT @limit OFFSET @offset
            """;
        return (sql, Parameters(viewerId, [.. values]));
    }

    /// <summary>The tsquery of the words (<c>q.query</c>), as a one-row subquery.</summary>
    public const string Query = """
        (SELECT to_tsquery('veza_search', coalesce(string_agg(term || ':*', ' & '), '')) AS query
         FROM (SELECT regexp_replace(veza_fold(word), '[&|!():''*<>\\[:space:]]+', '', 'g') AS term FROM unnest(@words) word) w
         WHERE term <> '')
        """;

    /// <summary>
    /// Prefix suggestions: each branch walks a pattern-ops b-tree on the folded text in its own order (~&lt;~: the
    /// database's collation could not use it) and stops at the limit. A tag is suggested only while something the
    /// viewer may see carries it (its count alone would reveal private items' tags).
    /// </summary>
    public static readonly string Autocomplete =
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
        UNION ALL
        (SELECT t.name, 'tags', NULL::uuid, 3 FROM tags t
         WHERE t.name LIKE lower(@pattern) ESCAPE '\' AND t.usage_count > 0 AND {SearchKinds.CarriedVisibly("t.name")}
         ORDER BY t.name USING ~<~ LIMIT @limit)
        """;

    public static object[] KindParameters(SearchTerms terms, int limit, Guid? viewerId) => Parameters(viewerId,
        ("words", terms.Words.ToArray()), ("folded", terms.Text), ("limit", limit), ("headline", Headline),
        ("w_rank", SearchWeights.FullText), ("w_typo", SearchWeights.Typo), ("w_pop", SearchWeights.Popularity));

    public static object[] AutocompleteParameters(string prefix, int limit, Guid? viewerId) =>
        Parameters(viewerId, ("pattern", LikePattern.Literal(prefix) + "%"), ("limit", limit));

    /// <summary>The five characters that matter in HTML text and attributes are escaped (not every non-ASCII letter, as WebUtility would).</summary>
    public static string? Snippet(string? headline) =>
        headline?.Trim()
            .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal)
            .Replace(MarkStart, "<mark>", StringComparison.Ordinal).Replace(MarkEnd, "</mark>", StringComparison.Ordinal);

    private static object[] Parameters(Guid? viewerId, params (string Name, object Value)[] values) =>
    [
        new NpgsqlParameter("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewerId ?? DBNull.Value },
        .. values.Select(v => new NpgsqlParameter(v.Name, v.Value)),
    ];
}
