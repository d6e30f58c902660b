using MediatR;
using Veza.Domain.Plays;

namespace Veza.Application.Tracks.Plays.Commands.RecordServedAudio;

public sealed class RecordServedAudioCommandHandler(PlayAccounting accounting) : IRequestHandler<RecordServedAudioCommand, int>
{
    public async Task<int> Handle(RecordServedAudioCommand request, CancellationToken cancellationToken)
    {
        var listenings = request.Served
            .GroupBy(s => (s.TrackId, s.ListenerId))
            .Select(g => new Listening(g.Key.TrackId, g.Key.ListenerId, g.ToList()))
            .ToList();
        var outcomes = await accounting.AccrueAsync(listenings, cancellationToken);
        return outcomes.Count(o => o.Outcome == PlayOutcome.Counted);
    }
}
