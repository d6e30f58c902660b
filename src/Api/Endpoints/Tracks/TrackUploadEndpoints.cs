using MediatR;
using Veza.Api.Http;
using Veza.Application.Tracks;
using Veza.Application.Tracks.Artwork;
using Veza.Application.Tracks.Commands.ReprocessTrack;
using Veza.Application.Tracks.Queries.GetMyQuota;

namespace Veza.Api.Endpoints.Tracks;

/// <summary>Uploading tracks, queuing a failed one again, and the storage quota they count against.</summary>
public sealed class TrackUploadEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/v1/tracks").WithTags("Tracks").RequireAuthorization();

        tracks.MapPost("", UploadAsync)
            .WithName("UploadTrack")
            .WithSummary("Upload a track")
            .WithDescription(
                "multipart/form-data, streamed to storage as it arrives. Parts, in this order: the optional text fields `title` (default: the file name " +
                "without its extension, replaced by an embedded title when processing finds one), `description`, `tags` (a comma list, at most 10, " +
                "normalised to lower case), `visibility` (public | unlisted | private, default public), `genre`; then the optional `artwork` image " +
                $"(PNG, JPEG or WebP, at most {TrackArtworkWriter.MaxFileBytes} bytes); then `file`, the audio, which must be the LAST part (as in an S3 POST " +
                "policy form: the fields are known before the file's bytes arrive; a part after the file is refused with 400). " +
                "The audio is recognised by its bytes, never its name or declared type: MP3, FLAC, Ogg Vorbis or Opus, WAV, AAC (ADTS), M4A/MP4. " +
                "Answers 202 with the track in status `processing` and Location /api/v1/tracks/{id}; processing runs as a background job. " +
                "The size limit is the runtime setting `max_upload_bytes` (default 200 MB; admins change it at PUT /api/v1/admin/settings, and the " +
                "request body limit follows it). " +
                "413 PAYLOAD_TOO_LARGE: over the size limit (details: `limit_bytes`). 413 QUOTA_EXCEEDED: the upload would take you past your plan's " +
                "storage quota (details: `used_bytes`, `limit_bytes`; see GET /api/v1/users/me/quota), refused before storing when the request's length " +
                "already says so. 415 UNSUPPORTED_MEDIA_TYPE: not audio in an accepted format (or the body is not multipart). 409 CONFLICT: you already " +
                "uploaded these exact bytes (details: `track_id`, the existing track). 400 VALIDATION_ERROR: a field is invalid, `file` is missing, " +
                "empty, or not the last part. Nothing is kept of a refused or interrupted upload.")
            .Accepts<UploadTrackForm>("multipart/form-data")
            .DisableAntiforgery()
            .WithUploadBodyLimit(TrackUploadForm.OtherPartsBytes)
            .ProducesErrors(400, 401, 403, 409, 413, 415, 429)
            .DocumentsVerifiedEmailRequirement();

        tracks.MapPost("/{id:guid}/reprocess", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Accepted(TrackLocation(id), await mediator.Send(new ReprocessTrackCommand(id), ct), "The track is queued for processing again."))
            .WithName("ReprocessTrack")
            .WithSummary("Queue a failed track's processing again")
            .WithDescription(
                "For the track's owner or an admin. Only a track in status `failed` is queued again (202, status `processing`); otherwise 422 INVALID_STATE " +
                "with the current status in the details (`status`). 404 when the track does not exist or you cannot see it; 403 when you can see it " +
                "but it is not yours.")
            .ProducesErrors(401, 403, 404, 422, 429);

        app.MapGet("/api/v1/users/me/quota", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetMyQuotaQuery(), ct)))
            .WithTags("Tracks")
            .RequireAuthorization()
            .WithName("GetMyQuota")
            .WithSummary("The caller's storage quota")
            .WithDescription(
                "Bytes used by all your tracks (originals and everything derived from them: variants, HLS, waveform, artwork) and your shared resources " +
                "(every version), your plan's limit, what is left, how many tracks you have, and the largest single track upload accepted now.")
            .ProducesErrors(401, 404, 429);
    }

    public static string TrackLocation(Guid id) => $"/api/v1/tracks/{id}";

    internal static async Task<ApiAcceptedResult<UploadedTrackDto>> UploadAsync(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        await using var form = await TrackUploadForm.ReadUntilFileAsync(request, ct);
        var track = await mediator.Send(form.Command, ct);
        return ApiResults.Accepted(TrackLocation(track.Id), track, "Upload received; the track is being processed.");
    }
}

/// <summary>The parts of POST /api/v1/tracks, in the order they must be sent (for Swagger; the endpoint reads the body as a stream).</summary>
public sealed class UploadTrackForm
{
    /// <summary>Default: the file name without its extension.</summary>
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>A comma list, e.g. "synthwave, night drive".</summary>
    public string? Tags { get; init; }

    /// <summary>public (default), unlisted or private.</summary>
    public string? Visibility { get; init; }

    public string? Genre { get; init; }

    /// <summary>Optional cover picture (PNG, JPEG or WebP).</summary>
    public IFormFile? Artwork { get; init; }

    /// <summary>The audio. Must be the last part.</summary>
    public required IFormFile File { get; init; }
}
