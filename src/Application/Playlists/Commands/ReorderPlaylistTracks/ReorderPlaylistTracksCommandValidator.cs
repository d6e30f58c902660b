using FluentValidation;
using Veza.Domain.Playlists;

namespace Veza.Application.Playlists.Commands.ReorderPlaylistTracks;

public sealed class ReorderPlaylistTracksCommandValidator : AbstractValidator<ReorderPlaylistTracksCommand>
{
    public ReorderPlaylistTracksCommandValidator()
    {
        RuleFor(c => c.TrackIds).NotNull().WithMessage("track_ids is required.")
            .Must(ids => ids.Count <= PlaylistRules.MaxTracks).WithMessage($"track_ids holds at most {PlaylistRules.MaxTracks} ids.");
    }
}
