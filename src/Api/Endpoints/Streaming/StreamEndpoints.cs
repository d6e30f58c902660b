using MediatR;
using Microsoft.Net.Http.Headers;
using Veza.Api.Http;
using Veza.Api.Observability;
using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks.Queries.GetStreamUrls;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Streaming;

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
            .WithDescription("Signed in, or anonymous for public and unlisted tracks (the listener id is then a keyed hash of the caller's address and user agent, never the values themselves). urls.mp3_128 and urls.mp3_320 (null when that rendition does not exist; 320 kbps only from sources of 256 kbps and up or lossless), urls.original (the uploaded file, for the owner and admins only). Each URL carries exp (Unix seconds), kid (key id), lid (the listener) and sig (HMAC-SHA256 over the path and those parameters) and is valid until expires_at (Streaming:UrlLifetime, 1 hour by default). track_gain_db is the gain to -18 LUFS for players that normalise. A private or hidden track of someone else: 404. A track not ready: 422 INVALID_STATE with its status.")
            .ProducesErrors(404, 422, 429)
            .AllowAnonymous();

        app.MapMethods("/stream/tracks/{id:guid}/{variant}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .WithMetadata(CountsStreamBytes.Instance)
            .WithTags("Streaming")
            .WithName("StreamTrackBytes")
            .WithSummary("The bytes of a rendition, behind a signed URL")
            .WithDescription("variant: mp3_128, mp3_320 or original, with exp, kid, lid and sig from GET /api/v1/tracks/{id}/stream. HTTP Range per RFC 9110 (bytes=a-b, a-, -n): 206 with Content-Range; 416 with Content-Range: bytes */size when unsatisfiable; 200 with the whole file without Range, and also for several ranges in one request (multipart/byteranges is not produced). Accept-Ranges, Content-Type, Content-Length, ETag and Last-Modified on every answer; If-None-Match gives 304, If-Range is honoured; HEAD answers the headers alone. Cache-Control is private for no longer than the signature lives. A missing, tampered or expired signature: 403 with no hint about which part failed. An unknown track or rendition behind a valid signature: 404. Rate limited per listener (RateLimiting:Policies:stream, 1200 a minute) and per address (stream-ip, 12,000 a minute) instead of the general per-IP limit.")
            .Produces(StatusCodes.Status200OK, contentType: "audio/mpeg")
            .Produces(StatusCodes.Status206PartialContent, contentType: "audio/mpeg")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesErrors(403, 404, 429)
            .WithStreamRateLimit()
            .AllowAnonymous();

        app.MapMethods("/stream/tracks/{id:guid}/hls/{**file}", [HttpMethods.Get, HttpMethods.Head], ServeHlsAsync)
            .WithMetadata(CountsStreamBytes.Instance)
            .WithTags("Streaming")
            .WithName("StreamTrackHls")
            .WithSummary("HLS playback behind a signed URL")
            .WithDescription("file: master.m3u8 (from urls.hls of GET /api/v1/tracks/{id}/stream), then {kbps}k/index.m3u8 and {kbps}k/segment-NNN.ts. Every URI inside a playlist is rewritten to an absolute path carrying its own signature (same listener, same expiry), so a standard player (hls.js, Safari, ffmpeg) follows them as they are. Playlists are application/vnd.apple.mpegurl, segments video/mp2t with the same Range and conditional handling as the progressive route. 403 and 404 as there.")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.apple.mpegurl")
            .ProducesErrors(403, 404, 429)
            .WithStreamRateLimit()
            .AllowAnonymous();
    }

    internal static async Task<IResult> ServeHlsAsync(
        Guid id, string file, string? exp, string? kid, string? lid, string? sig, HttpContext context,
        IStreamUrlSigner signer, IClock clock, StreamableTracks tracks, IFileStorage storage, ServedFiles served, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var grant = Verify(context, signer, exp, kid, lid, sig, now);
        var track = await tracks.FindAsync(id, ct);
        if (track is null || !track.HasHls || !StreamPaths.IsHlsFile(file))
        {
            throw new NotFoundException("No such track or rendition.");
        }

        context.Response.Headers.CacheControl = CacheControl(grant, now);
        if (!file.EndsWith(".m3u8", StringComparison.Ordinal))
        {
            var segment = await served.OpenAsync(TrackFiles.Hls(id, file), Version(track), id, grant.ListenerId, file, ct)
                ?? throw new NotFoundException("No such track or rendition.");
            return Results.File(segment, "video/mp2t", lastModified: track.Stamp, entityTag: EntityTag(track, file, segment.Length), enableRangeProcessing: true);
        }

        var stored = await storage.OpenReadAsync(TrackFiles.Hls(id, file), ct) ?? throw new NotFoundException("No such track or rendition.");

        string playlist;
        await using (stored)
        {
            using var reader = new StreamReader(stored.Content);
            playlist = await reader.ReadToEndAsync(ct);
        }

        // Each URI is relative to this playlist's folder: its absolute path is signed.
        var folder = file.Contains('/', StringComparison.Ordinal) ? file[..(file.LastIndexOf('/') + 1)] : string.Empty;
        return Results.Text(
            SignPlaylist(playlist, uri => StreamPaths.IsHlsFile(folder + uri) ? StreamPaths.Hls(id, folder + uri) : null, signer, grant),
            "application/vnd.apple.mpegurl");
    }

    /// <summary>
    /// An HLS playlist whose URI lines (not tags, not blank) are rewritten to their absolute paths, each with its
    /// own signature for the grant's listener and expiry, so a standard player follows them as they are.
    /// <c>pathOf</c> gives a URI's absolute path; null leaves the line as it is.
    /// </summary>
    internal static string SignPlaylist(string playlist, Func<string, string?> pathOf, IStreamUrlSigner signer, StreamGrant grant) =>
        string.Join('\n', playlist.Split('\n').Select(line =>
        {
            var uri = line.TrimEnd('\r');
            return uri.Length == 0 || uri.StartsWith('#') || pathOf(uri) is not { } path ? uri : signer.SignedUrl(path, grant.ListenerId, grant.ExpiresAt);
        }));

    internal static async Task<IResult> ServeAsync(
        Guid id, string variant, string? exp, string? kid, string? lid, string? sig, HttpContext context,
        IStreamUrlSigner signer, IClock clock, StreamableTracks tracks, ServedFiles served, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var grant = Verify(context, signer, exp, kid, lid, sig, now);
        var track = await tracks.FindAsync(id, ct);
        if (track is null || StreamPaths.StorageKey(track, variant) is not { } key
            || await served.OpenAsync(key, Version(track), id, grant.ListenerId, variant, ct) is not { } file)
        {
            throw new NotFoundException("No such track or rendition.");
        }

        // RFC 9110 14.2: a range unit the server does not know is ignored; the framework would honour it as bytes.
        if (context.Request.Headers.Range.ToString() is { Length: > 0 } range && !range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Headers.Remove(HeaderNames.Range);
        }

        var contentType = variant == StreamPaths.Original ? AudioFormats.ContentType(track.OriginalFormat) : "audio/mpeg";
        context.Response.Headers.CacheControl = CacheControl(grant, now);
        // The framework's file result does Range (one range; several answer 200 whole), If-Range,
        // If-None-Match and HEAD; it reads the range from the shared cached handle (ServedFileStream).
        return Results.File(file, contentType, lastModified: track.Stamp, entityTag: EntityTag(track, variant, file.Length), enableRangeProcessing: true);
    }

    internal static StreamGrant Verify(HttpContext context, IStreamUrlSigner signer, string? exp, string? kid, string? lid, string? sig, DateTimeOffset now) =>
        signer.Verify(context.Request.Path.Value ?? string.Empty, exp, kid, lid, sig, now)
            ?? throw new ForbiddenException("This stream URL is not valid. Ask for a new one at GET /api/v1/tracks/{id}/stream.");

    /// <summary>Private to the listener, and never cached longer than the signature lives.</summary>
    private static string CacheControl(StreamGrant grant, DateTimeOffset now) => $"private, max-age={(long)Math.Max(0, (grant.ExpiresAt - now).TotalSeconds)}";

    /// <summary>What changes whenever processing replaces a track's files: the key of cached handles.</summary>
    private static string Version(TrackRenditions track) => track.Stamp.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static EntityTagHeaderValue EntityTag(TrackRenditions track, string file, long length) =>
        new($"\"{track.Id:N}-{Version(track)}-{length}-{file.Replace('/', '.')}\"");
}
