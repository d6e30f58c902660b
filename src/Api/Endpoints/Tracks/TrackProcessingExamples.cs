using Veza.Application.Tracks;
using Veza.Api.OpenApi;
using Veza.Application.Tracks.EventHandlers;
using Veza.Application.Tracks.Processing.Queries.GetTrackProcessing;
using Veza.Domain.Tracks;

namespace Veza.Api.Endpoints.Tracks;

public sealed class TrackProcessingExamples : IOpenApiExamples
{
    private static readonly Guid TrackId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-7a1c2e3f4b5d");

    public void AddTo(ExampleTable examples)
    {
        var started = ExampleValues.Now;
        TrackStepDto Done(string step, double seconds) => new(step, "done", started.AddSeconds(1), started.AddSeconds(1 + seconds), null);
        examples
            .Add(new TrackProcessingDto(TrackId, "processing", null,
            [
                Done("probe", 0.2),
                Done("mp3_128", 6.5),
                new TrackStepDto("mp3_320", "skipped", null, started.AddSeconds(1.2), "The source is below 256 kbps: a 320 kbps copy would only be larger."),
                new TrackStepDto("hls", "running", started.AddSeconds(1.2), null, null),
                Done("loudness", 3.1),
                new TrackStepDto("waveform", "running", started.AddSeconds(1.2), null, null),
                new TrackStepDto("artwork", "pending", null, null, null),
            ]))
            .Add(TrackFailureDto.From(TrackFailure.Corrupt)!);
    }
}
