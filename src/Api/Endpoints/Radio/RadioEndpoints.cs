using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Radio.Commands.CreateStation;
using Veza.Application.Radio.Commands.DeleteStation;
using Veza.Application.Radio.Commands.GoLive;
using Veza.Application.Radio.Commands.IssueSourceCredentials;
using Veza.Application.Radio.Commands.ManageRequest;
using Veza.Application.Radio.Commands.ManageStationDj;
using Veza.Application.Radio.Commands.RequestTrack;
using Veza.Application.Radio.Commands.SetStationRotation;
using Veza.Application.Radio.Commands.SkipTrack;
using Veza.Application.Radio.Commands.UpdateStation;
using Veza.Application.Radio.Commands.VoteForRequest;
using Veza.Application.Radio.Queries.GetStation;
using Veza.Application.Radio.Queries.GetStationHistory;
using Veza.Application.Radio.Queries.GetStationQueue;
using Veza.Application.Radio;
using Veza.Application.Radio.Queries.ListStations;
using Veza.Api.Endpoints.Streaming;
using Veza.Domain.Ports;
using Veza.Infrastructure.Radio;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Radio;

/// <summary>Community radio (issue 12): stations, their rotation and DJs, requests and votes, history, and the live stream.</summary>
public sealed class RadioEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var radio = app.MapGroup("/api/v1/radio").WithTags("Radio").RequireAuthorization();

        radio.MapGet("/stations", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListStationsQuery(PageRequest.From(page, limit)), ct)))
            .AllowAnonymous()
            .WithName("ListStations")
            .WithSummary("Public stations, live ones first")
            .WithDescription("Each with live (an encoder on air), listeners (heard through this node: live.mp3 connections, HLS players that fetched the playlist within the last 24 s, and Icecast's listeners when it serves them), now_playing {track_id (null for a DJ's live set), title, artist, started_at, duration_seconds, artwork_url}, stream_url and its chat_room_id. Live ones first, then by listeners, then newest. Unlisted stations only to their owner, DJs and admins. Paged.")
            .ProducesErrors(400, 429);

        radio.MapPost("/stations", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var station = await mediator.Send(StrictJson.Read<CreateStationCommand>(body, json.Value.SerializerOptions), ct);
                return ApiResults.Created($"/api/v1/radio/stations/{station.Id}", station, "Station created.");
            })
            .Accepts<CreateStationCommand>("application/json")
            .WithName("CreateStation")
            .WithSummary("Open a station; the caller owns it")
            .WithDescription("name 1-80, slug 3-40 lower-case letters, digits and dashes (unique: taken is 409 on slug), description at most 1,000, genre at most 40, visibility public | unlisted. A public chat room \"Radio {slug}\" is created with it (chat_room_id): now_playing events go there, and to every connection of the radio hub (/hubs/radio, anonymous welcome) that called WatchStation {station_id}. Set what it plays with PUT /rotation.")
            .ProducesErrors(400, 401, 409, 413, 415, 429);

        radio.MapGet("/stations/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetStationQuery(id), ct)))
            .AllowAnonymous()
            .WithName("GetStation")
            .WithSummary("A station, its live state and its people (owner, DJs)")
            .WithDescription("Unlisted stations too: the id is the link. Unknown: 404.")
            .ProducesErrors(404, 429);

        radio.MapPut("/stations/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<UpdateStationBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateStationCommand(id, fields.Name, fields.Slug, fields.Description, fields.Genre, fields.Visibility), ct), "Station updated.");
            })
            .Accepts<UpdateStationBody>("application/json")
            .WithName("UpdateStation")
            .WithSummary("Change a station's details (owner or admin)")
            .WithDescription("Fields present are changed, the others kept. A taken slug: 409. Others: 403.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        radio.MapDelete("/stations/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteStationCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteStation")
            .WithSummary("Delete a station, its requests, history and chat room (owner or admin)")
            .WithDescription("Its stream ends for every listener. Others: 403.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 429);

        radio.MapPut("/stations/{id:guid}/rotation", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<RotationBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new SetStationRotationCommand(id, fields.PlaylistIds ?? [], fields.Tags ?? [], fields.NoRepeatWindow ?? 20), ct), "Rotation set.");
            })
            .Accepts<RotationBody>("application/json")
            .WithName("SetStationRotation")
            .WithSummary("Choose what the auto-DJ plays (owner or admin)")
            .WithDescription("playlist_ids (playlists the owner may see; another's private one is 400) and tags (their public tracks), at most 20 in all; no_repeat_window 0-500 tracks (default 20). Only ready, public tracks whose owners allow radio play are played, shuffled, requests first.")
            .ProducesErrors(400, 401, 403, 404, 413, 415, 429);

        foreach (var add in new[] { true, false })
        {
            radio.MapMethods("/stations/{id:guid}/djs/{userId:guid}", [add ? HttpMethods.Put : HttpMethods.Delete], async (Guid id, Guid userId, IMediator mediator, CancellationToken ct) =>
                {
                    await mediator.Send(new ManageStationDjCommand(id, userId, add), ct);
                    return Results.NoContent();
                })
                .WithName(add ? "AddStationDj" : "RemoveStationDj")
                .WithSummary(add ? "Make a user a DJ of the station (owner)" : "Take the DJ role back (owner)")
                .WithDescription(add ? "DJs skip, reorder and remove requests. Adding twice is harmless; unknown user: 404. Others: 403." : "Removing someone who is not a DJ is harmless. Others: 403.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesErrors(401, 403, 404, 409, 429);
        }

        radio.MapGet("/stations/{id:guid}/queue", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetStationQueueQuery(id), ct)))
            .AllowAnonymous()
            .WithName("GetStationQueue")
            .WithSummary("Pending requests in the order they will play")
            .WithDescription("Raised by the owner or a DJ first (priority), then the most voted, then the oldest. Each with votes and voted_by_me.")
            .ProducesErrors(404, 429);

        radio.MapGet("/stations/{id:guid}/history", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new GetStationHistoryQuery(id, PageRequest.From(page, limit)), ct)))
            .AllowAnonymous()
            .WithName("GetStationHistory")
            .WithSummary("What the station played, the most recent first")
            .WithDescription("Each with started_at, duration_seconds and listeners (how many listened when it started). A DJ's live set is a row without track_id (\"Live: {dj}\", the DJ as artist, no duration). Paged.")
            .ProducesErrors(400, 404, 429);

        radio.MapPost("/stations/{id:guid}/requests", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<RequestTrackBody>(body, json.Value.SerializerOptions);
                return ApiResults.Created($"/api/v1/radio/stations/{id}/queue", await mediator.Send(new RequestTrackCommand(id, fields.TrackId), ct), "Requested.");
            })
            .Accepts<RequestTrackBody>("application/json")
            .WithName("RequestTrack")
            .WithSummary("Ask the station to play a track")
            .WithDescription("The track must be one the radio may play (ready, public, its owner allowing radio play): else 400 on track_id. Requested on this station within Radio:TrackCooldown: 409 (vote for it instead). More than Radio:RequestsPerListener requests within Radio:RequestWindow: 429. Answers the queue.")
            .ProducesErrors(400, 401, 404, 409, 413, 415, 429);

        radio.MapPost("/requests/{id:guid}/vote", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new VoteForRequestCommand(id), ct), "Voted."))
            .WithName("VoteForRequest")
            .WithSummary("Vote for a pending request")
            .WithDescription("Once per listener (again changes nothing). The most voted request plays next. Played or removed: 422 INVALID_STATE. Answers the queue.")
            .ProducesErrors(401, 404, 409, 422, 429);

        radio.MapPut("/requests/{id:guid}/priority", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<PriorityBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new ManageRequestCommand(id, fields.Priority, Remove: false), ct), "Request moved.");
            })
            .Accepts<PriorityBody>("application/json")
            .WithName("PrioritizeRequest")
            .WithSummary("Reorder the queue (owner or DJ)")
            .WithDescription("priority: higher plays sooner whatever the votes (default 0). Others: 403; played or removed: 422.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        radio.MapDelete("/requests/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ManageRequestCommand(id, null, Remove: true), ct), "Request removed."))
            .WithName("RemoveRequest")
            .WithSummary("Remove a request from the queue (owner or DJ)")
            .WithDescription("Others: 403; played or removed already: 422. Answers the queue.")
            .ProducesErrors(401, 403, 404, 409, 422, 429);

        radio.MapPost("/stations/{id:guid}/skip", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new SkipTrackCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("SkipTrack")
            .WithSummary("End the current track now (owner or DJ)")
            .WithDescription("The next one (the queue first) follows without a break in the stream. Others: 403.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 429);

        radio.MapPost("/stations/{id:guid}/source-credentials", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new IssueSourceCredentialsCommand(id), ct), "Source credentials issued."))
            .WithName("IssueSourceCredentials")
            .WithSummary("Get a live source URL and secret (owner or DJ)")
            .WithDescription("{source_url, username, secret}: stream MP3 to source_url with HTTP PUT and Basic authentication username:secret (Icecast 2.4 sources; ffmpeg -method PUT). The secret is shown once; asking again replaces it. Others: 403.")
            .ProducesErrors(401, 403, 404, 409, 429);

        radio.MapPut("/stations/{id:guid}/source", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                // The encoder authenticates with the source secret (Basic), not a user token; any username is accepted.
                var secret = BasicPassword(http.Request.Headers.Authorization.ToString());
                await mediator.Send(new GoLiveCommand(id, secret ?? string.Empty, http.Request.Body), http.RequestAborted);
                return Results.Ok();
            })
            .AllowAnonymous()
            // A set lasts as long as the DJ plays: no body size limit.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute())
            .WithName("StreamLiveSource")
            .WithSummary("A DJ's live source (any Icecast-compatible encoder)")
            .WithDescription("Body: the MP3 stream, as long as the set lasts (chunked). Within moments listeners hear it (StreamTitle \"Live: {dj}\"), now_playing {track_id: null, title \"Live: {dj}\", artist: the DJ} goes to the station's room and watchers, and the set enters the station's history; when the body ends, the auto-DJ takes the air back with no break in the stream. Wrong or missing secret: 401; another DJ live: 409.")
            .Produces(StatusCodes.Status200OK)
            .ProducesErrors(401, 404, 409, 429);

        radio.MapGet("/stations/{id:guid}/live.m3u8", (Guid id, string? exp, string? kid, string? lid, string? sig, HttpContext http, IMediator mediator, RadioPlayout playout, IStreamUrlSigner signer, IClock clock) =>
                LiveHlsAsync(id, "live.m3u8", "application/vnd.apple.mpegurl", StreamEndpoints.Verify(http, signer, exp, kid, lid, sig, clock.UtcNow), http, mediator, playout, signer))
            .AllowAnonymous()
            .WithName("ListenToStationHls")
            .WithSummary("The station's live HLS playlist (AAC 128 kbps, a sliding window of 4-second segments)")
            .WithDescription("The station's hls_url (signed for the caller, like track stream URLs: exp, kid, lid, sig). For browsers and players that want HLS: the same encoder as live.mp3, so both are in sync. Each segment in the playlist carries its own signature (same listener, same expiry). The first fetch puts the station on air (this answer waits up to ten seconds for it; still not ready: 404, try again); fetching the playlist counts as listening (the signed listener is one of the station's listeners, and of the plays it records, for 24 s, a window of segments). A missing, tampered or expired signature: 403 (ask the station again for a new hls_url). Unknown station: 404.")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.apple.mpegurl")
            .ProducesErrors(403, 404, 429);

        radio.MapGet("/stations/{id:guid}/{segment:regex(^seg-\\d{{1,9}}\\.ts$)}", (Guid id, string segment, string? exp, string? kid, string? lid, string? sig, HttpContext http, IMediator mediator, RadioPlayout playout, IStreamUrlSigner signer, IClock clock) =>
                LiveHlsAsync(id, segment, "video/mp2t", StreamEndpoints.Verify(http, signer, exp, kid, lid, sig, clock.UtcNow), http, mediator, playout, signer))
            .AllowAnonymous()
            .WithName("GetStationHlsSegment")
            .WithSummary("A segment of the live HLS playlist")
            .WithDescription("As signed in the playlist. Segments leave the window as the station plays: an old one is 404. A bad signature: 403.")
            .Produces(StatusCodes.Status200OK, contentType: "video/mp2t")
            .ProducesErrors(403, 404, 429);

        radio.MapGet("/stations/{id:guid}/live.mp3", async (Guid id, string? exp, string? kid, string? lid, string? sig, HttpContext http, IMediator mediator, RadioPlayout playout, IStreamUrlSigner signer, IClock clock) =>
            {
                var grant = StreamEndpoints.Verify(http, signer, exp, kid, lid, sig, clock.UtcNow);
                // 404 in the envelope before any audio header goes out.
                await mediator.Send(new GetStationQuery(id), http.RequestAborted);
                if (playout.IcecastUrlFor(id) is { } icecast)
                {
                    // Scale-out: Icecast fans the station out; the station pushes to it while anyone listens there.
                    // The mount carries the same signature: Icecast asks listener-add (below) before it admits anyone.
                    return Results.Redirect(new UriBuilder(icecast) { Query = signer.Sign(StationView.Mp3Path(id), grant.ListenerId, grant.ExpiresAt) }.Uri.AbsoluteUri);
                }

                var icy = http.Request.Headers["Icy-MetaData"] == "1";
                http.Response.ContentType = "audio/mpeg";
                http.Response.Headers.CacheControl = "no-store";
                if (icy)
                {
                    http.Response.Headers["icy-metaint"] = IcyStreamWriter.MetaInt.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                using var lease = playout.Listen(id);
                try
                {
                    await IcyStreamWriter.WriteAsync(http.Response.Body, lease, icy, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The listener went away.
                }

                return Results.Empty;
            })
            .AllowAnonymous()
            .WithName("ListenToStation")
            .WithSummary("The station's live stream: MP3, 128 kbps, endless")
            .WithDescription("The station's stream_url (signed for the caller, like track stream URLs: exp, kid, lid, sig; a missing, tampered or expired signature is 403, and a stream already open plays on past the expiry). Every listener hears the same stream at the same moment; one joining starts a few seconds (Radio:BurstSeconds) behind live so playback starts at once. The first listener puts the station on air; it idles after Radio:IdleTimeout without any. Send Icy-MetaData: 1 for StreamTitle metadata every icy-metaint bytes. With Radio:IcecastUrl set, 302 to the station's Icecast mount instead, carrying the same signature (the station pushes there while it has listeners; Icecast admits a listener only once the API found the signature valid). Unknown station: 404.")
            .Produces(StatusCodes.Status200OK, contentType: "audio/mpeg")
            .Produces(StatusCodes.Status302Found)
            .ProducesErrors(403, 404, 429);

        // Icecast's URL authentication (listener_add) of the stations' mounts: not for clients, so not in Swagger.
        radio.MapPost("/icecast/listener-add", AdmitIcecastListenerAsync)
            .AllowAnonymous()
            .ExcludeFromDescription()
            // Every listener Icecast admits is asked from Icecast's address: its own limit instead of the per-IP one.
            .WithRateLimitPolicy(RateLimitPolicies.IcecastAuth, insteadOfGeneral: true);
    }

    /// <summary>
    /// Icecast asks whether to admit a listener of a station's mount (<c>action=listener_add</c>, a form whose
    /// <c>mount</c> is the path and query the listener asked for), with Radio:IcecastAuthSecret as its Basic
    /// password. The listener is admitted (<c>icecast-auth-user: 1</c>, Icecast's default auth_header) when
    /// the query is a valid signature of the station's live.mp3, the one the API's redirect carries; any other
    /// answer makes Icecast refuse them (401). A wrong secret: 401.
    /// </summary>
    private static async Task<IResult> AdmitIcecastListenerAsync(HttpContext http, IStreamUrlSigner signer, IClock clock, IOptions<RadioOptions> options)
    {
        if (!options.Value.UsesIcecast || options.Value.IcecastAuthSecret is not { } secret)
        {
            throw new Application.Common.Exceptions.NotFoundException("Icecast is not configured.");
        }

        if (BasicPassword(http.Request.Headers.Authorization.ToString()) is not { } presented
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(secret)))
        {
            throw new Application.Common.Exceptions.UnauthorizedException("Icecast's authentication secret is missing or wrong.");
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        if (form?["action"].ToString() != "listener_add" || form["mount"].ToString() is not { Length: > 0 } mount)
        {
            throw new Application.Common.Exceptions.RequestValidationException([new("action", "Only action=listener_add with a mount is answered.")]);
        }

        var queryAt = mount.IndexOf('?', StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryAt < 0 ? string.Empty : mount[queryAt..]);
        if (IcecastRelay.StationOf(queryAt < 0 ? mount : mount[..queryAt]) is not { } station
            || signer.Verify(StationView.Mp3Path(station), Value("exp"), Value("kid"), Value("lid"), Value("sig"), clock.UtcNow) is null)
        {
            throw new Application.Common.Exceptions.ForbiddenException("Not a station's mount with a valid signature: the listener is not admitted.");
        }

        http.Response.Headers["icecast-auth-user"] = "1";
        return Results.NoContent();

        string? Value(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
    }

    private static async Task<IResult> LiveHlsAsync(
        Guid id, string name, string contentType, StreamGrant grant, HttpContext http, IMediator mediator, RadioPlayout playout, IStreamUrlSigner signer)
    {
        // 404 in the envelope for a station that does not exist.
        await mediator.Send(new GetStationQuery(id), http.RequestAborted);
        if (await playout.HlsFileAsync(id, name, grant.ListenerId, http.RequestAborted) is not { } path)
        {
            throw new Application.Common.Exceptions.NotFoundException(name == "live.m3u8"
                ? "The station's live playlist is not ready yet: try again in a moment."
                : "No such segment (it left the live window).");
        }

        if (name != "live.m3u8")
        {
            http.Response.Headers.CacheControl = "private, max-age=60";
            return Results.File(await File.ReadAllBytesAsync(path, http.RequestAborted), contentType);
        }

        // Each segment gets its own signature for the same listener and expiry, as track playlists do.
        http.Response.Headers.CacheControl = "no-cache";
        var folder = StationView.HlsPath(id)[..(StationView.HlsPath(id).LastIndexOf('/') + 1)];
        return Results.Text(StreamEndpoints.SignPlaylist(await File.ReadAllTextAsync(path, http.RequestAborted), uri => folder + uri, signer, grant), contentType);
    }

    /// <summary>The password of a Basic Authorization header; null when there is none.</summary>
    private static string? BasicPassword(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var pair = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public sealed record UpdateStationBody(string? Name = null, string? Slug = null, string? Description = null, string? Genre = null, string? Visibility = null);

public sealed record RotationBody(IReadOnlyList<Guid>? PlaylistIds = null, IReadOnlyList<string>? Tags = null, int? NoRepeatWindow = null);

public sealed record RequestTrackBody(Guid TrackId);

public sealed record PriorityBody(int Priority);
