using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Common;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Playlists.Commands.AddPlaylistTrack;

public sealed class AddPlaylistTrackCommandHandler(IPlaylistRepository playlists, ITrackRepository tracks, IClock clock, ICurrentUser caller)
    : IRequestHandler<AddPlaylistTrackCommand, PlaylistTrackListDto>
{
    public async Task<PlaylistTrackListDto> Handle(AddPlaylistTrackCommand request, CancellationToken cancellationToken)
    {
        var playlist = await playlists.LoadForOwnerAsync(request.PlaylistId, caller, cancellationToken);

        // A track the caller could not open by id (someone else's private or hidden track) is "no such
        // track", as everywhere else; an admin is not let through, so nobody's private track lands in a
        // list. A track still processing may be added: it is playable once ready (entries show its status).
        var track = await tracks.GetAsync(request.TrackId, cancellationToken);
        if (track is null || !track.IsVisibleTo(caller.UserId, viewerIsAdmin: false))
        {
            throw new NotFoundException("No track with this id.");
        }

        return playlist.AddTrack(track.Id, request.Position, clock.UtcNow) switch
        {
            AddTrackOutcome.Added => PlaylistTrackListDto.From(playlist),
            AddTrackOutcome.AlreadyPresent => throw new ConflictException("The track is in this playlist already.", "track_id"),
            AddTrackOutcome.Full => throw new DomainException($"A playlist holds at most {PlaylistRules.MaxTracks} tracks."),
            AddTrackOutcome.PositionOutOfRange => throw new RequestValidationException(
                [new FieldError("position", $"position is 0 to {playlist.TrackCount} (the end of the list) for this playlist.")]),
            var outcome => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
    }
}
