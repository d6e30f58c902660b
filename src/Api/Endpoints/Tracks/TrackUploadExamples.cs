using Veza.Api.OpenApi;
using Veza.Application.Tracks;
using Veza.Application.Tracks.Queries.GetMyQuota;
using Veza.Domain.Media;
using Veza.Domain.Settings;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Tracks;

public sealed class TrackUploadExamples : IOpenApiExamples
{
    public static readonly Guid TrackId = Guid.Parse("0193a5c4-2b1a-7e00-9c21-4d5e6f708192");

    public void AddTo(ExampleTable examples) => examples
        .Add(new UploadedTrackDto(
            TrackId,
            "Night Drive",
            TrackStatus.Processing,
            TrackVisibility.Public,
            ["synthwave", "night drive"],
            "Synthwave",
            "Recorded on a four-track, one take.",
            AudioFormat.Flac,
            28_311_552,
            ExampleValues.Now))
        .Add(new QuotaDto(
            UsedBytes: 312_475_648,
            LimitBytes: RuntimeSettings.Defaults.FreeUploadQuotaBytes,
            Plan: Plan.Free,
            TrackCount: 14,
            RemainingBytes: RuntimeSettings.Defaults.FreeUploadQuotaBytes - 312_475_648,
            MaxUploadBytes: RuntimeSettings.Defaults.MaxUploadBytes))
        .Add(new UploadTrackForm
        {
            Title = "Night Drive",
            Description = "Recorded on a four-track, one take.",
            Tags = "synthwave, night drive",
            Visibility = "public",
            Genre = "Synthwave",
            File = null!,
        });
}
