using System.Net;
using System.Net.Http.Json;
using Veza.Domain.Tracks;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The playlist rows of the matrix. {playlist} is the owner's public playlist, {private_playlist} their
/// private one, {playlist_track} the owner's track, {own_playlist} a public playlist of the owner made for the
/// calling account alone (so each caller's delete meets a playlist still there).
/// </summary>
public partial class AuthorizationMatrixTests
{
    private readonly Dictionary<string, Guid> _playlistFixtures = [];

    private static IEnumerable<TestCaseData> PlaylistRows()
    {
        yield return Row("POST", "/api/v1/playlists", """{"title":"Matrix mix of {caller}"}""", 401, 201, 201, 201, 201, 201);
        yield return Row("POST", "/api/v1/playlists", """{"title":"Matrix mix","owner_id":"{owner}"}""", 401, 400, 400, 400, 400, 400);
        yield return Row("GET", "/api/v1/playlists/{playlist}", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/playlists/{private_playlist}", null, 404, 200, 404, 404, 200, 200);
        yield return Row("GET", "/api/v1/users/{owner}/playlists", null, 200, 200, 200, 200, 200, 200);
        yield return Row("PUT", "/api/v1/playlists/{playlist}", """{"description":"Edited by {caller}"}""", 401, 200, 403, 403, 403, 403);
        yield return Row("PUT", "/api/v1/playlists/{private_playlist}", """{"description":"Edited by {caller}"}""", 401, 200, 404, 404, 403, 403);
        yield return Row("POST", "/api/v1/playlists/{playlist}/tracks", """{"track_id":"{playlist_track}"}""", 401, 200, 403, 403, 403, 403);
        yield return Row("PUT", "/api/v1/playlists/{playlist}/tracks", """{"track_ids":["{playlist_track}"]}""", 401, 200, 403, 403, 403, 403);
        yield return Row("DELETE", "/api/v1/playlists/{playlist}/tracks/{playlist_track}", null, 401, 200, 403, 403, 403, 403);
        yield return Row("DELETE", "/api/v1/playlists/{own_playlist}", null, 401, 200, 403, 403, 200, 200);
        yield return Row("DELETE", "/api/v1/playlists/{private_playlist}", null, 401, 200, 404, 404, 404, 404);
    }

    private async Task CreatePlaylistFixturesAsync()
    {
        if (_playlistFixtures.Count > 0)
        {
            return;
        }

        var owner = _tokens["owner"];
        _playlistFixtures["track"] = await Factory.StoreTrackAsync(owner.UserId, "Matrix track", TrackVisibility.Private);
        _playlistFixtures["playlist"] = await CreatePlaylistAsync(owner.AccessToken, "public");
        _playlistFixtures["private_playlist"] = await CreatePlaylistAsync(owner.AccessToken, "private");
        foreach (var caller in Callers)
        {
            _playlistFixtures[$"own_playlist:{caller}"] = await CreatePlaylistAsync(owner.AccessToken, "public");
        }
    }

    private string FillPlaylists(string text, string caller) =>
        _playlistFixtures.Count == 0 ? text : text
            .Replace("{playlist}", _playlistFixtures["playlist"].ToString(), StringComparison.Ordinal)
            .Replace("{private_playlist}", _playlistFixtures["private_playlist"].ToString(), StringComparison.Ordinal)
            .Replace("{own_playlist}", _playlistFixtures[$"own_playlist:{caller}"].ToString(), StringComparison.Ordinal)
            .Replace("{playlist_track}", _playlistFixtures["track"].ToString(), StringComparison.Ordinal);

    private async Task<Guid> CreatePlaylistAsync(string accessToken, string visibility)
    {
        using var response = await PostAsync("/api/v1/playlists", new { title = "Matrix playlist", visibility }, accessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (await response.Content.ReadFromJsonAsync<Created>())!.Data.Id;
    }

    private sealed record Created(CreatedData Data);

    private sealed record CreatedData(Guid Id);
}
