using System.Text.Json.Serialization;
using Veza.Application.Common.Messaging;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetStreamUrls;

/// <summary>
/// Signed URLs to play a ready track, for the caller: signed in, or anonymous for public and unlisted
/// tracks (the listener id signed into every URL is then a keyed hash of address and user agent).
/// </summary>
public sealed record GetStreamUrlsQuery(Guid TrackId) : IQuery<StreamUrlsDto>;

/// <summary>Each URL is valid until <see cref="ExpiresAt"/>; absent renditions are null.</summary>
public sealed record StreamUrlsDto(StreamUrlSetDto Urls, DateTimeOffset ExpiresAt, double? TrackGainDb);

/// <param name="Original">The uploaded file: the owner's and admins' only.</param>
/// <remarks>The wire names are the variant names of the byte route (mp3_128, not the snake_case of the property).</remarks>
public sealed record StreamUrlSetDto(
    [property: JsonPropertyName(StreamPaths.Mp3128)] string? Mp3128,
    [property: JsonPropertyName(StreamPaths.Mp3320)] string? Mp3320,
    string? Hls,
    [property: JsonPropertyName(StreamPaths.Original)] string? Original);
