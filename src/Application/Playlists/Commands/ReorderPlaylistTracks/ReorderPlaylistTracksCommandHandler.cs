using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Playlists.Commands.ReorderPlaylistTracks;

public sealed class ReorderPlaylistTracksCommandHandler(IPlaylistRepository playlists, IClock clock, ICurrentUser caller)
    : IRequestHandler<ReorderPlaylistTracksCommand, PlaylistTrackListDto>
{
    public async Task<PlaylistTrackListDto> Handle(ReorderPlaylistTracksCommand request, CancellationToken cancellationToken)
    {
        var playlist = await playlists.LoadForOwnerAsync(request.PlaylistId, caller, cancellationToken);
        return playlist.Reorder(request.TrackIds, clock.UtcNow) switch
        {
            ReorderOutcome.Reordered => PlaylistTrackListDto.From(playlist),
            ReorderOutcome.NotTheSameTracks => throw new RequestValidationException(
                [new FieldError("track_ids", $"track_ids must list exactly the playlist's {playlist.TrackCount} tracks, each once, in the new order.")]),
            var outcome => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
    }
}
