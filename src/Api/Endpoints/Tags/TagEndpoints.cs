using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Tags.Commands.DeleteTag;
using Veza.Application.Tags.Commands.MergeTag;
using Veza.Application.Tags.Commands.RenameTag;
using Veza.Application.Tags.Queries.GetTag;
using Veza.Application.Tags.Queries.GetTrendingTags;
using Veza.Application.Tags.Queries.ListTags;
using Veza.Application.Tags.Queries.SearchTags;

namespace Veza.Api.Endpoints.Tags;

/// <summary>Tags across tracks, listings and shared resources (issues 9 and 15): usage, typeahead, trends, a tag's page, and moderation.</summary>
public sealed class TagEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup("/api/v1/tags").WithTags("Tags").RequireAuthorization();

        tags.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] int? page, [FromQuery] int? limit, [FromQuery] string? q, [FromQuery] string? sort) =>
                ApiResults.Page(await mediator.Send(new ListTagsQuery(PageRequest.From(page, limit), q, sort), ct)))
            .WithName("ListTags")
            .WithSummary("Tags in use, with how many items carry each")
            .WithDescription("Tags carried by at least one track, listing or shared resource (any visibility: the counts are of items, not of what you may see): usage_count in all, track_count, listing_count and resource_count. q finds text anywhere in the name, case-insensitively. sort: usage (default, most used first, then by name) or name. Paged.")
            .ProducesErrors(400, 401, 429);

        tags.MapGet("/search", async (string? q, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new SearchTagsQuery(q ?? string.Empty, limit ?? SearchTagsQuery.DefaultLimit), ct)))
            .WithName("SearchTags")
            .WithSummary("Tags starting with q (typeahead)")
            .WithDescription($"Tags in use whose name starts with q (required, case-insensitive), most used first. limit 1-{SearchTagsQuery.MaxLimit}, default {SearchTagsQuery.DefaultLimit}.")
            .ProducesErrors(400, 401, 429);

        tags.MapGet("/trending", async (int? days, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetTrendingTagsQuery(days ?? 7, limit ?? GetTrendingTagsQuery.DefaultLimit), ct)))
            .WithName("TrendingTags")
            .WithSummary("Tags growing fastest")
            .WithDescription($"For each tag: uses, the public tracks (by upload), active listings (by publication) and public shared resources (by creation) given it in the last days (1-{GetTrendingTagsQuery.MaxDays}, default 7); previous_uses, the same over the span before; growth = uses - previous_uses. Fastest growing first, then most used; only tags used in the period. limit 1-{GetTrendingTagsQuery.MaxLimit}, default {GetTrendingTagsQuery.DefaultLimit}.")
            .ProducesErrors(400, 401, 429);

        tags.MapGet("/{name}", async (string name, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetTagQuery(name), ct)))
            .WithName("GetTag")
            .WithSummary("A tag: its counts and the newest items carrying it")
            .WithDescription($"Counts across kinds, and the newest {GetTagQuery.ItemsPerKind} tracks, listings and shared resources carrying the tag that you may see (as search shows them: public tracks, active listings, resources public or shared with you or yours; never tracks from someone who blocked you). The name is read as tags are stored (case-insensitive). 404 when nothing carries it.")
            .ProducesErrors(400, 401, 404, 429);

        var admin = app.MapGroup("/api/v1/admin/tags").WithTags("Admin: tags").RequireAuthorization();

        admin.MapPut("/{name}", async (string name, JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new RenameTagCommand(name, StrictJson.Read<RenameTagBody>(json, options.Value.SerializerOptions).Name ?? string.Empty), ct), "Tag renamed."))
            .Accepts<RenameTagBody>("application/json")
            .WithName("RenameTag")
            .WithSummary("Rename a tag on every item (moderators)")
            .WithDescription("Every track, listing and shared resource carrying the tag carries the new name instead, in the same place; search finds them by it at once. A name another tag has is 409 (merge into it instead). Answers the renamed tag with its counts. Audited as tags.rename.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        admin.MapPost("/{name}/merge", async (string name, JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new MergeTagCommand(name, StrictJson.Read<MergeTagBody>(json, options.Value.SerializerOptions).Into ?? string.Empty), ct), "Tags merged."))
            .Accepts<MergeTagBody>("application/json")
            .WithName("MergeTag")
            .WithSummary("Merge a tag into another (moderators)")
            .WithDescription("Every item carrying the tag carries `into` instead (once, where it already has both); the tag is gone and into's counts are recounted from the items. Both must be in use (404). Answers into with its counts. Audited as tags.merge.")
            .ProducesErrors(400, 401, 403, 404, 413, 415, 429);

        admin.MapDelete("/{name}", async (string name, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteTagCommand(name), ct);
                return Results.NoContent();
            })
            .WithName("DeleteTag")
            .WithSummary("Take a tag off every item (moderators)")
            .WithDescription("The items stay; the tag is removed from each and from the tag list. Audited as tags.delete.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(400, 401, 403, 404, 429);
    }
}

/// <summary>The body of PUT /admin/tags/{name}.</summary>
public sealed record RenameTagBody(string? Name);

/// <summary>The body of POST /admin/tags/{name}/merge.</summary>
public sealed record MergeTagBody(string? Into);
