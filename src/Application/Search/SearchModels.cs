using System.Globalization;
using System.Text;
using Veza.Application.Common.Models;

namespace Veza.Application.Search;

/// <summary>The kinds of thing search finds; each is one small adapter in the search index.</summary>
public enum SearchKind
{
    Users,
    Tracks,
    Playlists,
    Listings,
    Products,
    Rooms,
    Resources,
}

/// <summary>One hit: what it is called, a snippet with the matched words in &lt;mark&gt;, and its score (higher is better).</summary>
public sealed record SearchHitDto(Guid Id, string Title, string? Snippet, double Score);

/// <summary>Hits grouped by kind (only the kinds asked), the query as understood.</summary>
public sealed record SearchResultsDto(string Query, IReadOnlyDictionary<string, IReadOnlyList<SearchHitDto>> Results);

/// <summary>A suggestion for what is being typed: the text to complete to, its kind, and the item when it names one.</summary>
public sealed record SearchSuggestionDto(string Text, string Type, Guid? Id);

public sealed record SearchQueryCountDto(string Query, long Count, double AverageResults);

public sealed record SearchAnalyticsDto(int Days, IReadOnlyList<SearchQueryCountDto> TopQueries, IReadOnlyList<SearchQueryCountDto> NoResultQueries);

/// <summary>
/// A query as the index takes it: <see cref="Text"/> trimmed, lower-cased and with single spaces (what analytics
/// records), and its <see cref="Words"/>: runs of letters and digits, at most <see cref="MaxWords"/> (each becomes a
/// prefix term, so "synth" finds "synthwave").
/// </summary>
public sealed record SearchTerms(string Text, IReadOnlyList<string> Words)
{
    public const int MaxLength = 100;
    public const int MaxWords = 8;

    public static SearchTerms Parse(string query)
    {
        var text = string.Join(' ', query.Trim().ToLower(CultureInfo.InvariantCulture).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC).Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return new SearchTerms(text, [.. words.Distinct().Take(MaxWords)]);
    }
}

/// <summary>
/// How hits are ranked within a kind: full-text rank (title over tags over description, weights A/B/C) plus
/// trigram word similarity of the title (typos) plus a little popularity (log of plays, likes, followers...).
/// </summary>
public static class SearchWeights
{
    public const double FullText = 1.0;
    public const double Typo = 0.5;
    public const double Popularity = 0.05;
}

/// <summary>How an advanced search orders its page; <see cref="Relevance"/> needs words to rank by.</summary>
public enum AdvancedSearchSort
{
    Relevance,
    New,
    Popular,
    Title,
    PriceAsc,
    PriceDesc,
}

/// <summary>
/// One kind searched with its filters (each null when not asked; the query's validator lets through only the ones
/// the kind has). <see cref="Terms"/> is null when only filters are given.
/// </summary>
public sealed record AdvancedSearchCriteria(
    SearchKind Kind,
    SearchTerms? Terms,
    AdvancedSearchSort Sort,
    Guid? UserId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Genre = null,
    IReadOnlyList<string>? Tags = null,
    bool AllTags = false,
    int? MinDurationSeconds = null,
    int? MaxDurationSeconds = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    Guid? CategoryId = null,
    string? Condition = null,
    string? ListingKind = null,
    bool? HasTracks = null,
    string? Brand = null);

public interface ISearchIndex
{
    /// <summary>The best hits of each kind the viewer may see (visibility is decided inside each kind's query).</summary>
    Task<IReadOnlyDictionary<SearchKind, IReadOnlyList<SearchHitDto>>> SearchAsync(SearchTerms terms, IReadOnlyList<SearchKind> kinds, int limit, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>One page of one kind, filtered and sorted, with the same visibility as <see cref="SearchAsync"/>.</summary>
    Task<PagedResult<SearchHitDto>> AdvancedSearchAsync(AdvancedSearchCriteria search, PageRequest paging, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>Prefix suggestions across usernames, track titles, product names and tags the viewer may see.</summary>
    Task<IReadOnlyList<SearchSuggestionDto>> AutocompleteAsync(string prefix, int limit, Guid? viewerId, CancellationToken cancellationToken);

    /// <summary>Records a query for analytics: its normalised text, the kinds and how many results; never who asked.</summary>
    Task RecordAsync(string text, IReadOnlyList<SearchKind> kinds, int resultCount, DateTimeOffset at, CancellationToken cancellationToken);

    Task<SearchAnalyticsDto> AnalyticsAsync(int days, DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
