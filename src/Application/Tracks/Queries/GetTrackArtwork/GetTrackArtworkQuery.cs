using Veza.Application.Common.Messaging;

namespace Veza.Application.Tracks.Queries.GetTrackArtwork;

/// <summary>
/// One size of a track's artwork (WebP), for whoever may see the track, anonymous callers included (images
/// are fetched without a token). 404 when the caller may not see the track or it has no artwork.
/// </summary>
public sealed record GetTrackArtworkQuery(Guid TrackId, int Size) : IQuery<TrackFile>;
