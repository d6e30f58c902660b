using Veza.Api.Endpoints.Tracks;
using Veza.Api.OpenApi;
using Veza.Application.Tracks.Plays.Commands.ReportPlayback;
using Veza.Application.Tracks.Plays.Queries.ListListeningHistory;
using Veza.Application.Tracks.Queries.GetStreamUrls;
using Veza.Domain.Tracks;

namespace Veza.Api.Endpoints.Streaming;

public sealed class StreamingExamples : IOpenApiExamples
{
    private const string Signature = "exp=1795348800&kid=k0&lid=0193a5b27c1e7d3a9f102b3c4d5e6f70&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo";

    public void AddTo(ExampleTable examples) => examples
        .Add(new StreamUrlsDto(
            new StreamUrlSetDto(
                $"{StreamPaths.Progressive(TrackCatalogExamples.TrackId, StreamPaths.Mp3128)}?{Signature}",
                $"{StreamPaths.Progressive(TrackCatalogExamples.TrackId, StreamPaths.Mp3320)}?{Signature}",
                $"{StreamPaths.Hls(TrackCatalogExamples.TrackId, StreamPaths.HlsMaster)}?{Signature}",
                null),
            ExampleValues.Now.AddHours(1),
            -3.8))
        .Add(new ReportPlaybackBody(31.5))
        .Add(new PlayReportDto("counted", 42.1, 30, 1281))
        .Add(new HistoryEntryDto(ExampleValues.Now.AddMinutes(-20), TrackCatalogExamples.Track));
}
