using MediatR;
using Microsoft.AspNetCore.Mvc;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Tracks.Queries.ListTags;
using Veza.Application.Tracks.Queries.SearchTags;

namespace Veza.Api.Endpoints.Tracks;

/// <summary>Tags in use and their usage counts across tracks and listings (issues 9 and 15).</summary>
public sealed class TagEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup("/api/v1/tags").WithTags("Tags").RequireAuthorization();

        tags.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] int? page, [FromQuery] int? limit, [FromQuery] string? q, [FromQuery] string? sort) =>
                ApiResults.Page(await mediator.Send(new ListTagsQuery(PageRequest.From(page, limit), q, sort), ct)))
            .WithName("ListTags")
            .WithSummary("Tags in use, with how many items carry each")
            .WithDescription("Tags carried by at least one track or listing (any visibility: the counts are of items, not of what you may see): usage_count in all, track_count and listing_count. q finds text anywhere in the name, case-insensitively. sort: usage (default, most used first, then by name) or name. Paged.")
            .ProducesErrors(400, 401, 429);

        tags.MapGet("/search", async (string? q, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new SearchTagsQuery(q ?? string.Empty, limit ?? SearchTagsQuery.DefaultLimit), ct)))
            .WithName("SearchTags")
            .WithSummary("Tags starting with q (typeahead)")
            .WithDescription($"Tags in use whose name starts with q (required, case-insensitive), most used first. limit 1-{SearchTagsQuery.MaxLimit}, default {SearchTagsQuery.DefaultLimit}.")
            .ProducesErrors(400, 401, 429);
    }
}
