using MediatR;
using Veza.Api.Http;
using Veza.Application.Tracks.Processing.Queries.GetTrackProcessing;

namespace Veza.Api.Endpoints.Tracks;

/// <summary>How a track's processing stands (issue 9).</summary>
public sealed class TrackProcessingEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tracks/{id:guid}/processing", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetTrackProcessingQuery(id), ct)))
            .WithTags("Tracks")
            .RequireAuthorization()
            .WithName("GetTrackProcessing")
            .WithSummary("The processing of a track, step by step")
            .WithDescription(
                "For the track's owner and admins; anyone else gets 404 NOT_FOUND, as for a track that does not exist. " +
                "`status` is processing, ready or failed; a failed track carries `failure` with a `code` (not_audio, corrupt, too_long, " +
                "no_audio_stream, processing_error) and a `message` for people. `steps` lists probe, mp3_128, mp3_320, hls, loudness, waveform " +
                "and artwork in that order, each pending, running, done, skipped (with the reason in `detail`: a 320 kbps copy of a smaller source, " +
                "an uploaded artwork kept over the embedded cover) or failed, with when it started and finished. Steps after the probe run in parallel. " +
                "The owner is also notified live (`track_processed`) when processing ends.")
            .ProducesErrors(401, 404, 429);
    }
}
