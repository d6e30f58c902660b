using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Veza.Api.Endpoints.Avatars;
using Veza.Api.Http;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks;
using Veza.Application.Tracks.Artwork;
using Veza.Application.Tracks.Commands.DeleteTrack;
using Veza.Application.Tracks.Commands.EditTrack;
using Veza.Application.Tracks.Commands.LikeTrack;
using Veza.Application.Tracks.Commands.ReplaceTrackArtwork;
using Veza.Application.Tracks.Commands.UnlikeTrack;
using Veza.Application.Tracks.Queries;
using Veza.Application.Tracks.Queries.GetTrack;
using Veza.Application.Tracks.Queries.GetTrackArtwork;
using Veza.Application.Tracks.Queries.GetTrackWaveform;
using Veza.Application.Tracks.Queries.ListTracks;
using Veza.Application.Tracks.Queries.ListUserLikes;
using Veza.Application.Tracks.Queries.ListUserTracks;
using Veza.Domain.Tracks;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Tracks;

/// <summary>
/// The track catalogue (issue 9): reading, listing, editing and deleting tracks, their waveform and artwork,
/// likes. JSON routes need a signed-in caller (like profiles); the waveform and artwork files are served to
/// anyone who may see the track, anonymous callers included (like avatars), as players and image tags fetch
/// them without a token. See docs/decisions/0022.
/// </summary>
public sealed class TrackCatalogEndpoints : IEndpointGroup
{
    private const string Visibility =
        "Visibility: a private track is seen only by its owner and admins, a hidden one (after a report) only by its owner (with hidden_reason) and admins; " +
        "any other caller gets 404 NOT_FOUND, as for a track that does not exist. An unlisted track is seen by id but never appears in a list except its owner's own.";

    /// <summary>The artwork's limit plus room for the multipart framing.</summary>
    public const long ArtworkBodyLimit = TrackArtworkWriter.MaxFileBytes + (64 * 1024);

    public void Map(IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/v1/tracks").WithTags("Tracks").RequireAuthorization();

        tracks.MapGet("/", async (
                IMediator mediator,
                CancellationToken ct,
                [FromQuery] int? page,
                [FromQuery] int? limit,
                [FromQuery] string? tag,
                [FromQuery] string? genre,
                [FromQuery(Name = "user_id")] string? userId,
                [FromQuery] string? q,
                [FromQuery] string? sort) =>
                ApiResults.Page(await mediator.Send(new ListTracksQuery(PageRequest.From(page, limit), tag, genre, userId, q, sort), ct)))
            .WithName("ListTracks")
            .WithSummary("The track catalogue, filtered and sorted")
            .WithDescription(
                "Only listed tracks: public, ready and not hidden. Filters: tag (one tag, case-insensitive), genre (case-insensitive), user_id (a user id, or `me`), " +
                "q (at most 100 characters found in the title, description or a tag, case-insensitive). sort: new (default, newest first), popular (most liked), plays (most played). " +
                "With user_id naming the caller (or `me`) the list is the owner's view: all the caller's tracks, processing, failed, unlisted, private and hidden included. Paged.")
            .ProducesErrors(400, 401, 429);

        tracks.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetTrackQuery(id), ct)))
            .WithName("GetTrack")
            .WithSummary("One track")
            .WithDescription(
                "artist is the uploader (id and username); credited_artist the artist named in the file's tags. duration in seconds. status processing, ready or failed; " +
                "failure {code, message} and hidden_reason only for the owner and admins. variants lists the renditions that exist (mp3_128, mp3_320, hls); waveform_url and artwork (URLs at 512 and 128 px) " +
                "are null until there is one. loudness_lufs is the EBU R128 integrated loudness, track_gain_db the gain to -18 LUFS. " + Visibility)
            .ProducesErrors(401, 404, 429);

        tracks.MapPut("/{id:guid}", async (Guid id, JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
            {
                var body = StrictJson.Read<EditTrackBody>(json, options.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new EditTrackCommand(id, body.Title, body.Description, body.Tags, body.Visibility, body.Genre, body.AllowRadio), ct), "Track updated.");
            })
            .Accepts<EditTrackBody>("application/json")
            .WithName("EditTrack")
            .WithSummary("Change a track's details (its owner)")
            .WithDescription(
                $"Only title (1-{TrackRules.TitleMaxLength} characters), description (at most {TrackRules.DescriptionMaxLength}), genre (at most {TrackRules.GenreMaxLength}), " +
                $"visibility (public, unlisted, private) and tags (a list of at most {TrackRules.MaxTags} strings of at most {TrackRules.TagMaxLength} letters, digits, spaces, '-', '_' and '&'; " +
                "normalised to lower case, duplicates dropped; replaces the list, and tag usage counts follow). A field left out or null stays; an empty description or genre clears it. " +
                "Any other field refuses the whole body with 400. Another user's track: 403 FORBIDDEN when they can see it, 404 otherwise. Artwork: PUT /tracks/{id}/artwork.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        tracks.MapPut("/{id:guid}/artwork", ReplaceArtworkAsync)
            .WithName("ReplaceTrackArtwork")
            .DocumentsVerifiedEmailRequirement()
            .WithSummary("Set or replace a track's artwork (its owner)")
            .WithDescription(
                "multipart/form-data with one file field `file`: a PNG, JPEG or WebP image (recognised by its bytes), at most " +
                $"{TrackArtworkWriter.MaxFileBytes} bytes and {TrackArtworkWriter.MaxSourceSide} pixels on a side, centre-cropped square and re-encoded as WebP at 512 and 128 pixels " +
                "without metadata. It replaces the previous artwork (whose files are deleted) and an embedded cover never replaces it afterwards. " +
                "415: not such an image; 413: too large; 400 (field file): missing, empty or too many pixels. Another user's track: 403, or 404 when they cannot see it.")
            .DisableAntiforgery()
            .WithRequestBodyLimit(ArtworkBodyLimit)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        tracks.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new DeleteTrackCommand(id), ct), "Track deleted."))
            .WithName("DeleteTrack")
            .WithSummary("Delete a track (its owner or an admin)")
            .WithDescription(
                "Removes the track, its likes and its places in playlists; tag usage counts drop; its bytes leave the owner's quota at once and every stored file " +
                "(original, variants, HLS, waveform, artwork) is deleted by a background job. Another user: 403 when they can see the track, 404 otherwise.")
            .ProducesErrors(401, 403, 404, 409, 429);

        tracks.MapPost("/{id:guid}/like", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new LikeTrackCommand(id), ct), "Liked."))
            .WithName("LikeTrack")
            .WithSummary("Like a track")
            .WithDescription("Idempotent: liking again changes nothing. Answers liked and the track's like count. A track the caller cannot see: 404.")
            .ProducesErrors(401, 404, 429);

        tracks.MapDelete("/{id:guid}/like", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new UnlikeTrackCommand(id), ct), "Not liked."))
            .WithName("UnlikeTrack")
            .WithSummary("Take back a like")
            .WithDescription("Idempotent: not liking already changes nothing. A track the caller cannot see: 404.")
            .ProducesErrors(401, 404, 429);

        tracks.MapGet("/{id:guid}/waveform", WaveformAsync)
            .AllowAnonymous()
            .WithName("GetTrackWaveform")
            .WithSummary("A track's waveform peaks")
            .WithDescription(
                "The JSON processing stored: {peaks: [[min, max], ...] (about 1,800 pairs in -1..1), duration}, for anyone who may see the track (no token needed for a " +
                "public or unlisted one). 404 NOT_FOUND until the track is processed, or when the caller may not see it. " + Visibility)
            .Produces<WaveformDocument>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(404, 429);

        tracks.MapGet("/{id:guid}/artwork", ArtworkAsync)
            .AllowAnonymous()
            .WithName("GetTrackArtwork")
            .WithSummary("A track's artwork image")
            .WithDescription(
                "The image bytes (image/webp) of size 512 (default) or 128, for anyone who may see the track. ETag is the artwork's version; If-None-Match with it answers 304. " +
                $"With `v` equal to the current version (as in the URLs the API gives) a track anyone may see is cacheable for a year (`{AvatarEndpoints.PinnedCacheControl}`); " +
                $"otherwise `{AvatarEndpoints.UnpinnedCacheControl}`, and `{PrivateCacheControl}` for a private or hidden track. 404 NOT_FOUND without artwork or when the caller may not see the track; " +
                "400 VALIDATION_ERROR for another size.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/webp")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(400, 404, 429);

        var users = app.MapGroup("/api/v1/users").WithTags("Tracks").RequireAuthorization();

        users.MapGet("/{id:guid}/tracks", async (Guid id, int? page, int? limit, string? sort, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListUserTracksQuery(id, PageRequest.From(page, limit), sort), ct)))
            .WithName("ListUserTracks")
            .WithSummary("A user's tracks")
            .WithDescription("Their public, ready, not hidden tracks; for the user themself, all their tracks (any state and visibility). sort: new (default), popular, plays. Unknown or deleted user: 404. A private profile, or one whose owner blocks the caller: 403 (its lists are the owner's and admins' only). Paged.")
            .ProducesErrors(400, 401, 403, 404, 429);

        users.MapGet("/{id:guid}/likes", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListUserLikesQuery(id, PageRequest.From(page, limit)), ct)))
            .WithName("ListUserLikes")
            .WithSummary("The tracks a user likes, newest like first")
            .WithDescription("Only those listed for the caller: public, ready and not hidden, or the caller's own. Unknown or deleted user: 404. A private profile, or one whose owner blocks the caller: 403 (its lists are the owner's and admins' only). Paged.")
            .ProducesErrors(400, 401, 403, 404, 429);
    }

    /// <summary>A private or hidden track's files: only the browser that fetched them may keep them.</summary>
    public const string PrivateCacheControl = "private, no-cache";

    internal static async Task<ApiResult<TrackDto>> ReplaceArtworkAsync(Guid id, IFormFile? file, IMediator mediator, CancellationToken ct)
    {
        if (file is null)
        {
            throw new RequestValidationException([new FieldError("file", "Send the image as the multipart form field 'file'.")]);
        }

        if (file.Length > TrackArtworkWriter.MaxFileBytes)
        {
            throw new FileTooLargeException(TrackArtworkWriter.MaxFileBytes);
        }

        await using var content = file.OpenReadStream();
        return ApiResults.Ok(await mediator.Send(new ReplaceTrackArtworkCommand(id, content, file.Length), ct), "Artwork updated.");
    }

    internal static async Task<IResult> WaveformAsync(Guid id, HttpContext context, IMediator mediator, CancellationToken ct) =>
        await ServeAsync(await mediator.Send(new GetTrackWaveformQuery(id), ct), pinned: false, context);

    internal static async Task<IResult> ArtworkAsync(Guid id, int? size, string? v, HttpContext context, IMediator mediator, CancellationToken ct)
    {
        var artwork = await mediator.Send(new GetTrackArtworkQuery(id, size ?? TrackUrls.LargeArtwork), ct);
        return await ServeAsync(artwork, Guid.TryParse(v, out var pinned) && pinned == artwork.Version, context);
    }

    /// <summary>ETag from the file's version, 304 on a match, cache headers by who may see the track.</summary>
    private static async Task<IResult> ServeAsync(TrackFile file, bool pinned, HttpContext context)
    {
        var etag = new EntityTagHeaderValue($"\"{file.Version:N}\"");
        var headers = context.Response.Headers;
        headers.CacheControl = !file.Public ? PrivateCacheControl : pinned ? AvatarEndpoints.PinnedCacheControl : AvatarEndpoints.UnpinnedCacheControl;
        headers.ETag = etag.ToString();

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            await file.DisposeAsync();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // Results.Stream disposes the file once it is sent.
        return Results.Stream(file.File.Content, file.ContentType, lastModified: file.UpdatedAt, entityTag: etag);
    }
}

/// <summary>The fields PUT /tracks/{id} may change.</summary>
/// <summary>Fields present are changed; allow_radio: whether community radio stations may play the track (on by default).</summary>
public sealed record EditTrackBody(string? Title = null, string? Description = null, IReadOnlyList<string>? Tags = null, string? Visibility = null, string? Genre = null, bool? AllowRadio = null);
