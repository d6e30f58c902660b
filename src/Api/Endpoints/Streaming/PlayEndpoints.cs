using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Tracks.Plays.Commands.ClearListeningHistory;
using Veza.Application.Tracks.Plays.Commands.ReportPlayback;
using Veza.Application.Tracks.Plays.Queries.ListListeningHistory;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Streaming;

/// <summary>Plays (issue 10): player reports, and the caller's listening history.</summary>
public sealed class PlayEndpoints : IEndpointGroup
{
    private const string Rule =
        "A play counts once per listener and track within 30 minutes, when 30 seconds of it (or half of a shorter track) have been served to that listener through the signed stream URLs (the lid they carry ties bytes to a listener; HLS segments count for their length).";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tracks/{id:guid}/plays", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<ReportPlaybackBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new ReportPlaybackCommand(id, fields.Seconds), ct));
            })
            .Accepts<ReportPlaybackBody>("application/json")
            .WithTags("Streaming")
            .WithName("ReportPlayback")
            .WithSummary("Report how long the player has played a track")
            .WithDescription($"{Rule} seconds: what the player has played of the track in this listening, 0 to 86400. Signed in, or anonymous for public and unlisted tracks (counted by a keyed hash of address and user agent, as the stream URLs were signed). A report is believed only as far as audio was actually served to this listener, so it never adds listening; it settles the count at once instead of at the next flush (every 2 s). outcome: counted (this report made it a play), not_yet, or already_counted. A private or hidden track of someone else: 404; not ready: 422 INVALID_STATE.")
            .ProducesErrors(400, 404, 413, 415, 422, 429)
            .AllowAnonymous();

        var me = app.MapGroup("/api/v1/users/me/history").WithTags("Streaming").RequireAuthorization();

        me.MapGet("", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListListeningHistoryQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListListeningHistory")
            .WithSummary("What the caller listened to, newest first")
            .WithDescription($"One entry per counted play: played_at and the track as the caller sees it now (a track since made private or hidden by its owner, or deleted, drops out). {Rule} Paged.")
            .ProducesErrors(400, 401, 429);

        me.MapDelete("", async (IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ClearListeningHistoryCommand(), ct);
                return Results.NoContent();
            })
            .WithName("ClearListeningHistory")
            .WithSummary("Clear the caller's listening history")
            .WithDescription("The plays leave the history; they still count for the tracks, their owners' stats and the play sort.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 429);
    }
}

/// <param name="Seconds">Seconds of the track the player has played in this listening.</param>
public sealed record ReportPlaybackBody(double Seconds);
