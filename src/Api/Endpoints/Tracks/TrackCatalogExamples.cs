using Veza.Api.OpenApi;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks;
using Veza.Application.Users;

namespace Veza.Api.Endpoints.Tracks;

public sealed class TrackCatalogExamples : IOpenApiExamples
{
    public static readonly Guid TrackId = Guid.Parse("0193a5c4-2f10-7a3b-8c21-4d5e6f708192");
    private static readonly Guid ArtworkVersion = Guid.Parse("0193a5c4-3a20-7b4c-9d32-5e6f70819203");

    /// <summary>A ready public track as its owner's follower sees it (shared with the examples that embed a track).</summary>
    public static readonly TrackDto Track = new(
            TrackId,
            "Night Drive",
            new UserRefDto(ExampleValues.UserId, "dj_nova"),
            "Nova & The Tapes",
            "Late Hours",
            "Recorded live on a modular rig.",
            "synthwave",
            214.36,
            "ready",
            null,
            "public",
            [TrackVariants.Mp3128, TrackVariants.Mp3320, TrackVariants.Hls],
            TrackUrls.Waveform(TrackId),
            new TrackArtworkDto(ArtworkVersion, TrackUrls.Artwork(TrackId, ArtworkVersion), TrackUrls.Artwork(TrackId, ArtworkVersion, TrackUrls.SmallArtwork)),
            -14.2,
            -3.8,
            ["synthwave", "night drive"],
            1280,
            57,
            LikedByMe: true,
            Hidden: false,
            HiddenReason: null,
            ExampleValues.Now.AddDays(-3),
            ExampleValues.Now);

    public void AddTo(ExampleTable examples) => examples
        .Add(Track)
        .Add(new EditTrackBody("Night Drive (2026 mix)", "Remastered.", ["synthwave", "retro"], "unlisted", "synthwave"))
        .Add(new TrackLikeStateDto(TrackId, Liked: true, Likes: 58))
        .Add(new TrackDeletedDto(TrackId, Deleted: true))
        // The first pairs of a real one: about 1,800 [min, max] pairs, the whole track at even steps.
        .Add(new WaveformDocument([[-0.02f, 0.03f], [-0.41f, 0.38f], [-0.87f, 0.91f], [-0.64f, 0.6f]], 214.36));
}
