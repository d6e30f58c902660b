using Npgsql;
using NpgsqlTypes;
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

    /// <summary>The tsquery of the words (<c>q.query</c>), as a one-row subquery.</summary>
    public const string Query = """
        (SELECT to_tsquery('veza_search', coalesce(string_agg(term || ':*', ' & '), '')) AS query
         FROM (SELECT regexp_replace(veza_fold(word), '[&|!():''*<>\\[:space:]]+', '', 'g') AS term FROM unnest(@words) word) w
         WHERE term <> '')
        """;

    /// <summary>
    /// Prefix suggestions: each branch walks a pattern-ops b-tree on the folded text in its own order (~&lt;~: the
    /// database's collation could not use it) and stops at the limit.
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
