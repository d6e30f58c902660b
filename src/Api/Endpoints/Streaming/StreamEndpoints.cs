using MediatR;
using Microsoft.Net.Http.Headers;
using Veza.Api.Http;
using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks.Queries.GetStreamUrls;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Api.Endpoints.Streaming;

/// <summary>
/// Playing tracks: the signed URLs (through MediatR, like every use case), and the byte route they point at.
/// The byte route is the one endpoint that skips the MediatR pipeline: once the signature is checked there
/// is nothing left to authorize or validate, and it must serve bytes at file-server speed.
/// </summary>
public sealed class StreamEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tracks/{id:guid}/stream", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetStreamUrlsQuery(id), ct)))
            .WithTags("Streaming")
            .WithName("GetStreamUrls")
            .WithSummary("Signed URLs to play a track")
            .WithDescription("urls.mp3_128 and urls.mp3_320 (null when that rendition does not exist; 320 kbps only from sources of 256 kbps and up or lossless), urls.original (the uploaded file, for the owner and admins only). Each URL carries exp (Unix seconds), kid (key id), lid (the listener) and sig (HMAC-SHA256 over the path and those parameters) and is valid until expires_at (Streaming:UrlLifetime, 1 hour by default). track_gain_db is the gain to -18 LUFS for players that normalise. A private or hidden track of someone else: 404. A track not ready: 422 INVALID_STATE with its status.")
            .ProducesErrors(401, 404, 422, 429)
            .RequireAuthorization();

        app.MapMethods("/stream/tracks/{id:guid}/{variant}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .WithTags("Streaming")
            .WithName("StreamTrackBytes")
            .WithSummary("The bytes of a rendition, behind a signed URL")
            .WithDescription("variant: mp3_128, mp3_320 or original, with exp, kid, lid and sig from GET /api/v1/tracks/{id}/stream. HTTP Range per RFC 9110 (bytes=a-b, a-, -n): 206 with Content-Range; 416 with Content-Range: bytes */size when unsatisfiable; 200 with the whole file without Range, and also for several ranges in one request (multipart/byteranges is not produced). Accept-Ranges, Content-Type, Content-Length, ETag and Last-Modified on every answer; If-None-Match gives 304, If-Range is honoured; HEAD answers the headers alone. Cache-Control is private for no longer than the signature lives. A missing, tampered or expired signature: 403 with no hint about which part failed. An unknown track or rendition behind a valid signature: 404.")
            .Produces(StatusCodes.Status200OK, contentType: "audio/mpeg")
            .Produces(StatusCodes.Status206PartialContent, contentType: "audio/mpeg")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesErrors(403, 404, 429)
            .AllowAnonymous();
    }

    internal static async Task<IResult> ServeAsync(
        Guid id, string variant, string? exp, string? kid, string? lid, string? sig, HttpContext context,
        IStreamUrlSigner signer, IClock clock, ITrackRepository tracks, IFileStorage storage, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (signer.Verify(context.Request.Path.Value ?? string.Empty, exp, kid, lid, sig, now) is not { } grant)
        {
            throw new ForbiddenException("This stream URL is not valid. Ask for a new one at GET /api/v1/tracks/{id}/stream.");
        }

        var track = await tracks.GetAsync(id, ct);
        if (track is null || StreamPaths.StorageKey(track, variant) is not { } key || await storage.OpenReadAsync(key, ct) is not { } file)
        {
            throw new NotFoundException("No such track or rendition.");
        }

        // RFC 9110 14.2: a range unit the server does not know is ignored; the framework would honour it as bytes.
        if (context.Request.Headers.Range.ToString() is { Length: > 0 } range && !range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Headers.Remove(HeaderNames.Range);
        }

        var contentType = variant == StreamPaths.Original ? AudioFormats.ContentType(track.OriginalFormat) : "audio/mpeg";
        var version = (track.ProcessedAt ?? track.UpdatedAt).ToUnixTimeMilliseconds();
        var etag = new EntityTagHeaderValue($"\"{track.Id:N}-{variant}-{version}-{file.Length}\"");
        var maxAge = (long)Math.Max(0, (grant.ExpiresAt - now).TotalSeconds);
        context.Response.Headers.CacheControl = $"private, max-age={maxAge}";
        // The framework's file result does Range (one range; several answer 200 whole), If-Range,
        // If-None-Match and HEAD, and streams from the open file without buffering it.
        return Results.File(file.Content, contentType, lastModified: track.ProcessedAt ?? track.UpdatedAt, entityTag: etag, enableRangeProcessing: true);
    }
}
