using MediatR;
using Veza.Api.Http;
using Veza.Application.Search;
using Microsoft.AspNetCore.Mvc;
using Veza.Application.Common.Models;
using Veza.Application.Search.Queries.AdvancedSearch;
using Veza.Application.Search.Queries.Autocomplete;
using Veza.Application.Search.Queries.Search;
using Veza.Application.Search.Queries.SearchAnalytics;

namespace Veza.Api.Endpoints.Search;

/// <summary>Search (issue 15): public, with what each caller may see decided inside the queries; analytics for admins.</summary>
public sealed class SearchEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api/v1/search").WithTags("Search").AllowAnonymous();

        search.MapGet("", async (string? q, string? type, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new SearchQuery(q, type, limit ?? SearchQuery.DefaultLimit), ct)))
            .WithName("Search")
            .WithSummary("Search users, tracks, playlists, listings, products, rooms and shared resources")
            .WithDescription(
                "q: words (accent- and case-insensitive; each also matches as a prefix: \"synth\" finds \"synthwave\"; one typo is forgiven through trigram " +
                "word similarity). type: a comma list of users, tracks, playlists, listings, products, rooms, resources (default all). limit 1-20 per type (default 5). " +
                $"results: an object keyed by type, each a list of {{id, title, snippet (the matched words in <mark>), score}}, best first. Score = full-text rank " +
                $"(title over tags over description) × {SearchWeights.FullText} + title word similarity × {SearchWeights.Typo} + ln(1 + popularity) × {SearchWeights.Popularity} " +
                "(plays and likes, followers, tracks in a playlist, watchers, owners, members, downloads). Never shown: private, unlisted, hidden or unprocessed tracks, " +
                "private profiles and deleted accounts, users or tracks of someone who blocked the caller, private playlists, listings that are not active or " +
                "are hidden, discontinued products, private rooms the caller is not in, shared resources that are private or shared with others only, or hidden (but to their owner). Each query is recorded (normalised text, types, result count; not who asked).")
            .ProducesErrors(400, 429);

        search.MapGet("/advanced", async ([AsParameters] AdvancedSearchParameters p, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(p.ToQuery(), ct)))
            .WithName("AdvancedSearch")
            .WithSummary("Search one type with its filters, sorted and paged")
            .WithDescription(
                "type (required): users | tracks | playlists | listings | products | rooms | resources. q: optional words, as in GET /search. Filters by type, anything else is 400: " +
                "tracks: genre, tags (comma list) with tags_mode any (default) | all, min_duration and max_duration (seconds), from and to (created), user_id; " +
                "listings: min_price and max_price, category (with every category under it), condition, kind, tags and tags_mode, from and to (published), user_id (seller); " +
                "users: has_tracks (true: at least one public track), from and to (joined); products: category, brand, min_price, max_price, from, to; " +
                "playlists and rooms: user_id (owner), from, to; resources: user_id (owner), from, to, tags and tags_mode. sort: relevance (default with q; needs q) | new (default without q) | popular | title, and for " +
                "listings and products price_asc | price_desc. Items are {id, title, snippet, score} (score 0 without q). The same visibility as GET /search. Paged (page from 1, limit 1-100, default 20).")
            .ProducesErrors(400, 429);

        search.MapGet("/autocomplete", async (string? q, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new AutocompleteQuery(q, limit ?? AutocompleteQuery.DefaultLimit), ct)))
            .WithName("Autocomplete")
            .WithSummary("Suggestions while typing")
            .WithDescription("Prefix suggestions (accent- and case-insensitive) across usernames, track titles, product names and tags the caller may see (type users, tracks, products or tags; id is null for a tag; a tag only while something visible to the caller carries it), shortest first; limit 1-20 (default 8). Each walks an index, fast enough for every keystroke.")
            .ProducesErrors(400, 429);

        app.MapGroup("/api/v1/admin/search").WithTags("Admin: search").RequireAuthorization()
            .MapGet("/analytics", async (int? days, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new SearchAnalyticsQuery(days ?? 7, limit ?? 20), ct)))
            .WithName("SearchAnalytics")
            .WithSummary("What people searched (admin)")
            .WithDescription("Over the last days (1-365, default 7): the most frequent normalised queries with their average result count, and the most frequent queries that found nothing.")
            .ProducesErrors(400, 401, 403, 429);
    }
}

/// <summary>The query string of GET /search/advanced.</summary>
public sealed record AdvancedSearchParameters(
    int? Page, int? Limit, string? Type, string? Q, string? Sort,
    [property: FromQuery(Name = "user_id")] Guid? UserId, DateTimeOffset? From, DateTimeOffset? To, string? Genre, string? Tags,
    [property: FromQuery(Name = "tags_mode")] string? TagsMode,
    [property: FromQuery(Name = "min_duration")] int? MinDuration, [property: FromQuery(Name = "max_duration")] int? MaxDuration,
    [property: FromQuery(Name = "min_price")] decimal? MinPrice, [property: FromQuery(Name = "max_price")] decimal? MaxPrice,
    Guid? Category, string? Condition, string? Kind, [property: FromQuery(Name = "has_tracks")] bool? HasTracks, string? Brand)
{
    public AdvancedSearchQuery ToQuery() => new(
        PageRequest.From(Page, Limit), Type, Q, Sort, UserId, From, To, Genre, Tags, TagsMode, MinDuration, MaxDuration,
        MinPrice, MaxPrice, Category, Condition, Kind, HasTracks, Brand);
}
