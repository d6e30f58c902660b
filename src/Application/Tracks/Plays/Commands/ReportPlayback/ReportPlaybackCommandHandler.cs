using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Plays.Commands.ReportPlayback;

public sealed class ReportPlaybackCommandHandler(
    ITrackRepository tracks, PlayAccounting accounting, ServedAudioMeter meter, IStreamUrlSigner signer, ICurrentUser caller, RollbackActions rollback)
    : IRequestHandler<ReportPlaybackCommand, PlayReportDto>
{
    public async Task<PlayReportDto> Handle(ReportPlaybackCommand request, CancellationToken cancellationToken)
    {
        var track = await PlayableTrack.GetAsync(tracks, caller, request.TrackId, cancellationToken);
        var listener = PlayListener.Of(caller, signer);

        // This node's bytes not flushed yet join the report; they go back to the meter if this does not commit.
        var served = meter.Take(track.Id, listener);
        rollback.Add(_ =>
        {
            meter.Restore(served);
            return Task.CompletedTask;
        });

        var threshold = PlayRules.ThresholdSeconds(track.Duration ?? TimeSpan.Zero);
        // A ready track always has a duration; without one there is nothing a play could be measured against.
        if ((await accounting.AccrueAsync([new Listening(track.Id, listener, served, request.Seconds)], cancellationToken)) is not [var (progress, outcome)])
        {
            return new PlayReportDto("not_yet", 0, threshold, track.PlayCount);
        }

        return new PlayReportDto(
            outcome switch
            {
                PlayOutcome.Counted => "counted",
                PlayOutcome.AlreadyCounted => "already_counted",
                _ => "not_yet",
            },
            Math.Round(progress.ServedSeconds, 3),
            threshold,
            track.PlayCount + (outcome == PlayOutcome.Counted ? 1 : 0));
    }
}
