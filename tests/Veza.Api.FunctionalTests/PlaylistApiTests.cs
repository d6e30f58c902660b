using System.Net;
using System.Text.Json.Nodes;
using Veza.Domain.Tracks;

namespace Veza.Api.FunctionalTests;

/// <summary>Every playlist route over HTTP against PostgreSQL: answers, visibility rules, errors, and the rows left behind.</summary>
public class PlaylistApiTests : UserApiTestBase
{
    private Tokens _owner = null!;
    private Tokens _other = null!;

    [SetUp]
    public async Task TwoUsers()
    {
        _owner = await UserAsync("dj_nova");
        _other = await UserAsync("tape_loops");
    }

    [Test]
    public async Task Creating_answers_201_with_the_playlist_and_stores_it()
    {
        using var response = await PostAsync("/api/v1/playlists", new { title = " Late night drive ", description = "Slow.\nSynthwave.", visibility = "unlisted" }, _owner.AccessToken);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var id = Guid.Parse(body["data"]!["id"]!.GetValue<string>());
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/playlists/{id}"));
            Assert.That(body["data"]!["owner"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(body["data"]!["visibility"]!.GetValue<string>(), Is.EqualTo("unlisted"));
            Assert.That(body["data"]!["track_count"]!.GetValue<int>(), Is.Zero);
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT owner_id || '|' || title || '|' || description || '|' || visibility || '|' || track_count FROM playlists WHERE id = @id", ("id", id)),
                Is.EqualTo($"{_owner.UserId}|Late night drive|Slow.\nSynthwave.|unlisted|0"));
        });
    }

    [Test]
    public async Task Creating_refuses_a_missing_title_an_unknown_visibility_and_any_other_field()
    {
        using var invalid = await PostAsync("/api/v1/playlists", new { description = new string('d', 5001), visibility = "friends" }, _owner.AccessToken);
        using var extra = await PostAsync("/api/v1/playlists", new { title = "Mix", owner_id = _other.UserId, track_count = 5 }, _owner.AccessToken);
        using var anonymous = await PostAsync("/api/v1/playlists", new { title = "Mix" });

        Assert.That(Fields(await AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EquivalentTo(new[] { "title", "description", "visibility" }));
        Assert.That(Fields(await AssertErrorAsync(extra, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EquivalentTo(new[] { "owner_id", "track_count" }));
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM playlists"), Is.Zero);
    }

    [Test]
    public async Task Reading_shows_the_tracks_in_order_with_their_details()
    {
        var artwork = Guid.NewGuid();
        var theirs = await Factory.StoreTrackAsync(_other.UserId, "Neon Highway", artworkVersion: artwork);
        var mine = await Factory.StoreTrackAsync(_owner.UserId, "Night Drive", ready: false);
        var playlist = await CreateAsync(_owner, "Mix");
        await AddAsync(_owner, playlist, theirs);
        await AddAsync(_owner, playlist, mine, position: 0);

        var body = await OkAsync(await GetAsync($"/api/v1/playlists/{playlist}"));

        var data = body["data"]!;
        var tracks = data["tracks"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(data["track_count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(tracks.Select(t => t!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { mine, theirs }));
            Assert.That(tracks.Select(t => t!["position"]!.GetValue<int>()), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(tracks[1]!["title"]!.GetValue<string>(), Is.EqualTo("Neon Highway"));
            Assert.That(tracks[1]!["artist"]!["id"]!.GetValue<Guid>(), Is.EqualTo(_other.UserId));
            Assert.That(tracks[1]!["artist"]!["username"]!.GetValue<string>(), Is.EqualTo("tape_loops"));
            Assert.That(tracks[1]!["duration"]!.GetValue<double>(), Is.EqualTo(187.5));
            Assert.That(tracks[1]!["artwork_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/tracks/{theirs}/artwork?size=128&v={artwork:N}"));
            Assert.That(tracks[1]!["status"]!.GetValue<string>(), Is.EqualTo("ready"));
            Assert.That(tracks[0]!["duration"], Is.Null, "not processed yet");
            Assert.That(tracks[0]!["artwork_url"], Is.Null);
            Assert.That(tracks[0]!["status"]!.GetValue<string>(), Is.EqualTo("processing"));
        });
    }

    [Test]
    public async Task A_track_that_became_private_or_hidden_is_left_out_for_everyone_but_its_owner_and_admins()
    {
        var admin = await AdminAsync();
        var listener = await UserAsync("listener");
        var madePrivate = await Factory.StoreTrackAsync(_other.UserId, "Goes private");
        var hidden = await Factory.StoreTrackAsync(_other.UserId, "Gets hidden");
        var ownPrivate = await Factory.StoreTrackAsync(_owner.UserId, "Own private", TrackVisibility.Private);
        var unlisted = await Factory.StoreTrackAsync(_other.UserId, "Unlisted", TrackVisibility.Unlisted);
        var playlist = await CreateAsync(_owner, "Mix");
        foreach (var track in new[] { madePrivate, hidden, ownPrivate, unlisted })
        {
            await AddAsync(_owner, playlist, track);
        }

        await Factory.ChangeTrackAsync(madePrivate, t => t.Edit(new TrackEdit(Visibility: TrackVisibility.Private), PlaylistTrackFixtures.UploadedAt));
        await Factory.ChangeTrackAsync(hidden, t => t.Hide("Copyright claim upheld.", PlaylistTrackFixtures.UploadedAt));

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(playlist, null), Is.EqualTo(new[] { "Unlisted" }), "anonymous");
            Assert.That(await TitlesAsync(playlist, listener.AccessToken), Is.EqualTo(new[] { "Unlisted" }));
            Assert.That(await TitlesAsync(playlist, _owner.AccessToken), Is.EqualTo(new[] { "Own private", "Unlisted" }), "the playlist's owner does not own the others' tracks");
            Assert.That(await TitlesAsync(playlist, _other.AccessToken), Is.EqualTo(new[] { "Goes private", "Gets hidden", "Unlisted" }));
            Assert.That(await TitlesAsync(playlist, admin.AccessToken), Is.EqualTo(new[] { "Goes private", "Gets hidden", "Own private", "Unlisted" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM playlist_tracks WHERE playlist_id = @id", ("id", playlist)), Is.EqualTo(4), "entries are kept");
        });
    }

    [Test]
    public async Task A_private_playlist_is_not_found_for_others_and_an_unlisted_one_opens_by_id_for_anyone()
    {
        var admin = await AdminAsync();
        var secret = await CreateAsync(_owner, "Secret", "private");
        var byLink = await CreateAsync(_owner, "By link", "unlisted");

        await AssertErrorAsync(await GetAsync($"/api/v1/playlists/{secret}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/playlists/{secret}", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/playlists/{Guid.NewGuid()}", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await OkAsync(await GetAsync($"/api/v1/playlists/{secret}", _owner.AccessToken));
        await OkAsync(await GetAsync($"/api/v1/playlists/{secret}", admin.AccessToken));
        await OkAsync(await GetAsync($"/api/v1/playlists/{byLink}"));
    }

    [Test]
    public async Task Updating_changes_the_fields_given_for_the_owner_only_and_refuses_other_fields_whole()
    {
        var admin = await AdminAsync();
        var shown = await CreateAsync(_owner, "Mix");
        var secret = await CreateAsync(_owner, "Secret", "private");

        using var strict = await PutAsync($"/api/v1/playlists/{shown}", new { title = "Taken", owner_id = _other.UserId }, _owner.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(strict, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "owner_id" }));
        await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{shown}", new { title = "Mine" }, _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{secret}", new { title = "Mine" }, _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{secret}", new { title = "Mine" }, admin.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{shown}", new { title = "" }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var body = await OkAsync(await PutAsync($"/api/v1/playlists/{shown}", new { visibility = "private", description = "Now with words." }, _owner.AccessToken));

        Assert.That(body["data"]!["visibility"]!.GetValue<string>(), Is.EqualTo("private"));
        Assert.That(await Database.ScalarAsync<string>("SELECT title || '|' || description || '|' || visibility FROM playlists WHERE id = @id", ("id", shown)),
            Is.EqualTo("Mix|Now with words.|private"));
        Assert.That(await Database.ScalarAsync<string>("SELECT title FROM playlists WHERE id = @id", ("id", secret)), Is.EqualTo("Secret"));
    }

    [Test]
    public async Task Deleting_is_for_the_owner_or_an_admin_who_is_audited_and_the_tracks_stay()
    {
        var admin = await AdminAsync();
        var track = await Factory.StoreTrackAsync(_owner.UserId, "Kept");
        var first = await CreateAsync(_owner, "First");
        var second = await CreateAsync(_owner, "Second", "private");
        await AddAsync(_owner, first, track);

        await AssertErrorAsync(await DeleteAsync($"/api/v1/playlists/{first}", null, _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/playlists/{second}", null, _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await OkAsync(await DeleteAsync($"/api/v1/playlists/{first}", null, _owner.AccessToken));
        await OkAsync(await DeleteAsync($"/api/v1/playlists/{second}", null, admin.AccessToken));
        await AssertErrorAsync(await DeleteAsync($"/api/v1/playlists/{second}", null, admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM playlists"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM playlist_tracks"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks WHERE id = @id", ("id", track)), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(action || ' ' || target || ' ' || actor_user_id, ',') FROM audit_events WHERE action LIKE 'playlists.%'"),
                Is.EqualTo($"playlists.delete playlist:{second} {admin.UserId}"));
        });
    }

    [Test]
    public async Task Adding_inserts_at_the_position_and_stores_contiguous_positions()
    {
        var tracks = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            tracks.Add(await Factory.StoreTrackAsync(_owner.UserId, $"Track {i}"));
        }

        var playlist = await CreateAsync(_owner, "Mix");
        await AddAsync(_owner, playlist, tracks[0]);
        await AddAsync(_owner, playlist, tracks[1]);
        await AddAsync(_owner, playlist, tracks[2], position: 0);
        var body = await AddAsync(_owner, playlist, tracks[3], position: 2);

        var expected = new[] { tracks[2], tracks[0], tracks[3], tracks[1] };
        Assert.Multiple(async () =>
        {
            Assert.That(body["data"]!["track_ids"]!.AsArray().Select(t => t!.GetValue<Guid>()), Is.EqualTo(expected));
            Assert.That(await StoredOrderAsync(playlist), Is.EqualTo(Order(expected)));
            Assert.That(await Database.ScalarAsync<int>("SELECT track_count FROM playlists WHERE id = @id", ("id", playlist)), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Adding_refuses_unknown_and_others_private_tracks_duplicates_bad_positions_and_other_fields()
    {
        var admin = await AdminAsync();
        var mine = await Factory.StoreTrackAsync(_owner.UserId, "Mine");
        var theirPrivate = await Factory.StoreTrackAsync(_other.UserId, "Theirs", TrackVisibility.Private);
        var playlist = await CreateAsync(_owner, "Mix");
        var adminsPlaylist = await CreateAsync(admin, "Admin's mix");
        await AddAsync(_owner, playlist, mine);

        await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { track_id = Guid.NewGuid() }), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { track_id = theirPrivate }), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await AddRawAsync(admin, adminsPlaylist, new { track_id = theirPrivate }), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { track_id = mine }), HttpStatusCode.Conflict, "CONFLICT");
        var past = await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { track_id = await Factory.StoreTrackAsync(_owner.UserId, "Two"), position = 2 }),
            HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var strict = await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { track_id = mine, added_at = "2020-01-01" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var missing = await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { position = 0 }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await AddRawAsync(_other, playlist, new { track_id = mine }), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.Multiple(async () =>
        {
            Assert.That(Fields(past), Is.EqualTo(new[] { "position" }));
            Assert.That(Fields(strict), Is.EqualTo(new[] { "added_at" }));
            Assert.That(Fields(missing), Is.EqualTo(new[] { "track_id" }));
            Assert.That(await StoredOrderAsync(playlist), Is.EqualTo(Order(mine)));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM playlist_tracks WHERE playlist_id = @id", ("id", adminsPlaylist)), Is.Zero);
        });
    }

    [Test]
    public async Task A_full_playlist_refuses_the_thousand_and_first_track_with_422()
    {
        var seed = await Factory.StoreTrackAsync(_owner.UserId, "Seed");
        var playlist = await CreateAsync(_owner, "Full");
        await Database.ScalarAsync<object>(
            """
            WITH copies AS (
                INSERT INTO tracks (id, owner_id, title, title_from_file_name, visibility, status, original_key, original_format, original_bytes, content_hash, stored_bytes, created_at, updated_at)
                SELECT gen_random_uuid(), owner_id, title || ' ' || n, false, visibility, status, original_key, original_format, original_bytes,
                       md5(n::text) || md5(n::text), stored_bytes, created_at, updated_at
                FROM tracks, generate_series(1, 1000) AS n WHERE id = @seed
                RETURNING id)
            INSERT INTO playlist_tracks (playlist_id, track_id, position, added_at)
            SELECT @playlist, id, row_number() OVER (ORDER BY id) - 1, now() FROM copies
            """, ("seed", seed), ("playlist", playlist));
        await Database.ScalarAsync<object>("UPDATE playlists SET track_count = 1000 WHERE id = @id", ("id", playlist));

        await AssertErrorAsync(await AddRawAsync(_owner, playlist, new { track_id = seed }), (HttpStatusCode)422, "INVALID_STATE");

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM playlist_tracks WHERE playlist_id = @id", ("id", playlist)), Is.EqualTo(1000));
    }

    [Test]
    public async Task Tracks_added_at_the_same_moment_all_land_at_distinct_positions()
    {
        var playlist = await CreateAsync(_owner, "Busy");
        var tracks = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            tracks.Add(await Factory.StoreTrackAsync(_owner.UserId, $"Track {i}"));
        }

        // However the requests interleave, a save that lost the race on the playlist row runs again on fresh reads.
        var responses = await Task.WhenAll(tracks.Select(t => AddRawAsync(_owner, playlist, new { track_id = t })));

        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(200));
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT string_agg(position::text, ',' ORDER BY position) FROM playlist_tracks WHERE playlist_id = @id", ("id", playlist)), Is.EqualTo("0,1,2,3,4,5"));
            Assert.That(await Database.ScalarAsync<int>("SELECT track_count FROM playlists WHERE id = @id", ("id", playlist)), Is.EqualTo(6));
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Removing_closes_the_gap_and_a_track_not_in_the_playlist_is_not_found()
    {
        var (playlist, a, b, c) = await PlaylistOfThreeAsync();

        await AssertErrorAsync(await DeleteAsync($"/api/v1/playlists/{playlist}/tracks/{b}", null, _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var body = await OkAsync(await DeleteAsync($"/api/v1/playlists/{playlist}/tracks/{b}", null, _owner.AccessToken));
        await AssertErrorAsync(await DeleteAsync($"/api/v1/playlists/{playlist}/tracks/{b}", null, _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Multiple(async () =>
        {
            Assert.That(body["data"]!["track_count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(await StoredOrderAsync(playlist), Is.EqualTo(Order(a, c)));
            Assert.That(await Database.ScalarAsync<int>("SELECT track_count FROM playlists WHERE id = @id", ("id", playlist)), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Reordering_rewrites_the_stored_positions_and_a_wrong_set_changes_nothing()
    {
        var (playlist, a, b, c) = await PlaylistOfThreeAsync();

        var wrong = await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{playlist}/tracks", new { track_ids = new[] { c, a, a } }, _owner.AccessToken),
            HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var missing = await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{playlist}/tracks", new { }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PutAsync($"/api/v1/playlists/{playlist}/tracks", new { track_ids = new[] { c, b, a } }, _other.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That(await StoredOrderAsync(playlist), Is.EqualTo(Order(a, b, c)));

        var body = await OkAsync(await PutAsync($"/api/v1/playlists/{playlist}/tracks", new { track_ids = new[] { c, a, b } }, _owner.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(Fields(wrong), Is.EqualTo(new[] { "track_ids" }));
            Assert.That(Fields(missing), Is.EqualTo(new[] { "track_ids" }));
            Assert.That(body["data"]!["track_ids"]!.AsArray().Select(t => t!.GetValue<Guid>()), Is.EqualTo(new[] { c, a, b }));
            Assert.That(await StoredOrderAsync(playlist), Is.EqualTo(Order(c, a, b)));
        });
    }

    [Test]
    public async Task A_deleted_track_leaves_its_playlists_and_the_positions_close_up()
    {
        var (mine, a, b, c) = await PlaylistOfThreeAsync(_other, "Mine");
        var theirs = await CreateAsync(_other, "Theirs");
        await AddAsync(_other, theirs, b);

        await Factory.DeleteTrackAsync(b);

        Assert.Multiple(async () =>
        {
            Assert.That(await StoredOrderAsync(mine), Is.EqualTo(Order(a, c)));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(title || ':' || track_count, ',' ORDER BY title) FROM playlists"), Is.EqualTo("Mine:2,Theirs:0"));
        });
    }

    [Test]
    public async Task A_users_list_shows_all_their_playlists_to_them_and_only_public_ones_to_anyone_else()
    {
        var admin = await AdminAsync();
        await CreateAsync(_owner, "Public one");
        await CreateAsync(_owner, "Unlisted one", "unlisted");
        await CreateAsync(_owner, "Private one", "private");
        await CreateAsync(_other, "Someone else's");

        Assert.Multiple(async () =>
        {
            Assert.That(await ListedAsync(_owner.UserId, _owner.AccessToken), Is.EqualTo(new[] { "Private one", "Unlisted one", "Public one" }), "newest first");
            Assert.That(await ListedAsync(_owner.UserId, _other.AccessToken), Is.EqualTo(new[] { "Public one" }));
            Assert.That(await ListedAsync(_owner.UserId, admin.AccessToken), Is.EqualTo(new[] { "Public one" }));
            Assert.That(await ListedAsync(_owner.UserId, null), Is.EqualTo(new[] { "Public one" }));
        });

        var page = await OkAsync(await GetAsync($"/api/v1/users/{_owner.UserId}/playlists?page=2&limit=2", _owner.AccessToken));
        Assert.That(page["pagination"]!.ToJsonString(), Is.EqualTo("""{"page":2,"limit":2,"total":3,"total_pages":2,"has_next":false,"has_prev":true}"""));
        Assert.That(page["data"]!.AsArray().Single()!["title"]!.GetValue<string>(), Is.EqualTo("Public one"));
        await AssertErrorAsync(await GetAsync($"/api/v1/users/{Guid.NewGuid()}/playlists"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/users/{_owner.UserId}/playlists?limit=101"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    private async Task<Guid> CreateAsync(Tokens owner, string title, string visibility = "public")
    {
        using var response = await PostAsync("/api/v1/playlists", new { title, visibility }, owner.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return Guid.Parse(body["data"]!["id"]!.GetValue<string>());
    }

    /// <summary>A playlist of the owner's holding tracks A, B and C (uploaded by <paramref name="artist"/>, the owner by default) in that order.</summary>
    private async Task<(Guid Playlist, Guid A, Guid B, Guid C)> PlaylistOfThreeAsync(Tokens? artist = null, string title = "Mix")
    {
        var tracks = new List<Guid>();
        foreach (var name in new[] { "A", "B", "C" })
        {
            tracks.Add(await Factory.StoreTrackAsync((artist ?? _owner).UserId, name));
        }

        var playlist = await CreateAsync(_owner, title);
        foreach (var track in tracks)
        {
            await AddAsync(_owner, playlist, track);
        }

        return (playlist, tracks[0], tracks[1], tracks[2]);
    }

    private async Task<JsonNode> AddAsync(Tokens owner, Guid playlist, Guid track, int? position = null) =>
        await OkAsync(await AddRawAsync(owner, playlist, position is null ? new { track_id = track } : new { track_id = track, position }));

    private Task<HttpResponseMessage> AddRawAsync(Tokens caller, Guid playlist, object body) => PostAsync($"/api/v1/playlists/{playlist}/tracks", body, caller.AccessToken);

    private async Task<string[]> TitlesAsync(Guid playlist, string? accessToken) =>
        [.. (await OkAsync(await GetAsync($"/api/v1/playlists/{playlist}", accessToken)))["data"]!["tracks"]!.AsArray().Select(t => t!["title"]!.GetValue<string>())];

    private async Task<string[]> ListedAsync(Guid user, string? accessToken) =>
        [.. (await OkAsync(await GetAsync($"/api/v1/users/{user}/playlists", accessToken)))["data"]!.AsArray().Select(p => p!["title"]!.GetValue<string>())];

    private Task<string?> StoredOrderAsync(Guid playlist) => Database.ScalarAsync<string>(
        "SELECT string_agg(position || ':' || track_id, ',' ORDER BY position) FROM playlist_tracks WHERE playlist_id = @id", ("id", playlist));

    private static string Order(params Guid[] tracks) => string.Join(',', tracks.Select((t, i) => $"{i}:{t}"));
}
