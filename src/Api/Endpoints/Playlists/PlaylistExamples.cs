using Veza.Application.Users;
using Veza.Api.OpenApi;
using Veza.Application.Playlists;
using Veza.Application.Playlists.Commands.CreatePlaylist;
using Veza.Domain.Tracks;

namespace Veza.Api.Endpoints.Playlists;

public sealed class PlaylistExamples : IOpenApiExamples
{
    private static readonly Guid PlaylistId = Guid.Parse("0193a5d0-4a1b-7c2d-8e3f-5a6b7c8d9e01");
    private static readonly Guid FirstTrackId = Guid.Parse("0193a5c8-0001-7a00-9b00-0000000000a1");
    private static readonly Guid SecondTrackId = Guid.Parse("0193a5c8-0002-7a00-9b00-0000000000a2");
    private static readonly Guid ArtistId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0a0b0c0d0e0f");
    private static readonly Guid ArtworkVersion = Guid.Parse("0193a5c9-5e6f-7a00-8b11-2c3d4e5f6a7b");
    private static readonly UserRefDto Owner = new(ExampleValues.UserId, "dj_nova");

    private static readonly PlaylistDto Playlist = new(PlaylistId, Owner, "Late night drive", "Slow synthwave for empty roads.\nBest after midnight.", TrackVisibility.Public, 2,
        ExampleValues.Now, ExampleValues.Now.AddMinutes(5));

    public void AddTo(ExampleTable examples) => examples
        .Add(new CreatePlaylistCommand("Late night drive", "Slow synthwave for empty roads.\nBest after midnight.", "public"))
        .Add(new UpdatePlaylistBody(Title: "Late night drive (2026)", Visibility: "unlisted"))
        .Add(new AddPlaylistTrackBody(SecondTrackId, 0))
        .Add(new ReorderPlaylistTracksBody([FirstTrackId, SecondTrackId]))
        .Add(Playlist)
        .Add(new PlaylistDetailDto(
            Playlist,
            [
                new PlaylistTrackDto(0, FirstTrackId, "Neon Highway", new UserRefDto(ArtistId, "tape_loops"), 214.6, TrackArtworkUrls.For(FirstTrackId, ArtworkVersion),
                    TrackStatus.Ready, ExampleValues.Now.AddMinutes(1)),
                new PlaylistTrackDto(1, SecondTrackId, "Night Drive", Owner, 187.5, null, TrackStatus.Ready, ExampleValues.Now.AddMinutes(2)),
            ]))
        .Add(new PlaylistTrackListDto(PlaylistId, 2, [SecondTrackId, FirstTrackId]))
        .Add(new PlaylistDeletedDto(PlaylistId, true));
}
