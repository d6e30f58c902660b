using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Search (issue 15) over HTTP against PostgreSQL: what each kind finds (title words, tags, descriptions, accents,
/// typos, prefixes) and in what order, what it never shows to whom, autocomplete, and the analytics admins read.
/// </summary>
public class SearchApiTests : TrackApiTestBase
{
    private const string SearchPath = "/api/v1/search";
    private const string AutocompletePath = "/api/v1/search/autocomplete";
    private const string AnalyticsPath = "/api/v1/admin/search/analytics";
    private static readonly Guid AudioInterfaces = Guid.Parse("0193a000-0000-7000-8000-000000000201");
    private static readonly string[] AllKinds = ["users", "tracks", "playlists", "listings", "products", "rooms", "resources"];

    private readonly ServerErrorLog _serverErrors = new();

    /// <summary>The API's error logs, so that a 500 names its cause in the failure message.</summary>
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(_serverErrors);

    // ---- Tracks: what finds them, and the order ----

    [Test]
    public async Task A_track_is_found_by_a_word_of_its_title_with_the_word_marked_in_the_snippet()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Ocean Tape"));

        var data = await SearchAsync("nights", type: "tracks");

        var hit = Hits(data, "tracks").Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(data["query"]!.GetValue<string>(), Is.EqualTo("nights"));
            Assert.That(hit["id"]!.GetValue<Guid>(), Is.EqualTo(track));
            Assert.That(hit["title"]!.GetValue<string>(), Is.EqualTo("Synthwave Nights"));
            Assert.That(hit["snippet"]!.GetValue<string>(), Does.Contain("<mark>Nights</mark>"));
            Assert.That(hit["score"]!.GetValue<double>(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task A_track_is_found_by_one_of_its_tags()
    {
        var nova = await UserAsync("dj_nova");
        var tagged = await SeedTrackAsync(nova.UserId, new TrackSeed("Night Drive", Tags: ["vaporwave", "tape"]));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Morning Run", Tags: ["house"]));

        Assert.That(HitIds(await SearchAsync("vaporwave", type: "tracks"), "tracks"), Is.EqualTo(new[] { tagged }));
    }

    [Test]
    public async Task A_title_match_ranks_above_a_tag_match_above_a_description_match()
    {
        var nova = await UserAsync("dj_nova");
        var described = await SeedTrackAsync(nova.UserId, new TrackSeed("Neon Run", Description: "Recorded at midnight on a cassette deck."));
        var tagged = await SeedTrackAsync(nova.UserId, new TrackSeed("Lofi Beat", Tags: ["midnight"]));
        var titled = await SeedTrackAsync(nova.UserId, new TrackSeed("Midnight"));

        var hits = Hits(await SearchAsync("midnight", type: "tracks"), "tracks");

        var scores = hits.Select(h => h!["score"]!.GetValue<double>()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(hits.Select(h => h!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { titled, tagged, described }));
            Assert.That(scores, Is.Ordered.Descending);
            Assert.That(scores[0], Is.GreaterThan(scores[2]), "the description match scores lower than the title match");
            Assert.That(hits[2]!["snippet"]!.GetValue<string>(), Does.Contain("<mark>midnight</mark>"), "the description word is marked");
        });
    }

    [Test]
    public async Task An_accented_title_is_found_spelled_without_its_accents_and_the_other_way_round()
    {
        var nova = await UserAsync("dj_nova");
        var beyonce = await SeedTrackAsync(nova.UserId, new TrackSeed("Beyoncé Forever"));
        var cafe = await SeedTrackAsync(nova.UserId, new TrackSeed("Cafe Del Mar"));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("beyonce", type: "tracks"), "tracks"), Is.EqualTo(new[] { beyonce }));
            Assert.That(HitIds(await SearchAsync("BEYONCE", type: "tracks"), "tracks"), Is.EqualTo(new[] { beyonce }));
            Assert.That(HitIds(await SearchAsync("café", type: "tracks"), "tracks"), Is.EqualTo(new[] { cafe }));
        });
    }

    [Test]
    public async Task One_typo_is_forgiven()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Ocean Tape"));

        Assert.That(HitIds(await SearchAsync("synthwaev", type: "tracks"), "tracks"), Is.EqualTo(new[] { track }));
    }

    [Test]
    public async Task A_word_prefix_finds_the_longer_word()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Ocean Tape"));

        var hit = Hits(await SearchAsync("synth", type: "tracks"), "tracks").Single()!;

        Assert.That(hit["id"]!.GetValue<Guid>(), Is.EqualTo(track));
        Assert.That(hit["snippet"]!.GetValue<string>(), Does.Contain("<mark>Synthwave</mark>"));
    }

    [Test]
    public async Task Every_word_must_match()
    {
        var nova = await UserAsync("dj_nova");
        var both = await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Mornings"));

        Assert.That(HitIds(await SearchAsync("synthwave nights", type: "tracks"), "tracks"), Is.EqualTo(new[] { both }));
    }

    // ---- The shape of the answer, its limits, its errors ----

    [Test]
    public async Task The_type_filter_answers_only_the_kinds_asked_and_without_it_every_kind()
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Nova Sunrise"));

        var two = await SearchAsync("nova", type: "tracks,users");
        var one = await SearchAsync("nova", type: "playlists");
        var all = await SearchAsync("nova");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(two), Is.EquivalentTo(new[] { "tracks", "users" }));
            Assert.That(Hits(two, "tracks"), Has.Count.EqualTo(1));
            Assert.That(HitIds(two, "users"), Is.EqualTo(new[] { nova.UserId }));
            Assert.That(Keys(one), Is.EqualTo(new[] { "playlists" }));
            Assert.That(Hits(one, "playlists"), Is.Empty);
            Assert.That(Keys(all), Is.EquivalentTo(AllKinds));
        });
    }

    [Test]
    public async Task The_limit_caps_each_kind_and_defaults_to_five()
    {
        var nova = await UserAsync("dj_nova");
        foreach (var title in new[] { "Synth One", "Synth Two", "Synth Three", "Synth Four", "Synth Five", "Synth Six" })
        {
            await SeedTrackAsync(nova.UserId, new TrackSeed(title));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(Hits(await SearchAsync("synth", type: "tracks"), "tracks"), Has.Count.EqualTo(5));
            Assert.That(Hits(await SearchAsync("synth", type: "tracks", limit: 2), "tracks"), Has.Count.EqualTo(2));
            Assert.That(Hits(await SearchAsync("synth", type: "tracks", limit: 20), "tracks"), Has.Count.EqualTo(6));
        });
    }

    [TestCase("?q=synth&type=songs", "type")]
    [TestCase("?q=synth&type=tracks,songs", "type")]
    [TestCase("?q=", "q")]
    [TestCase("", "q")]
    [TestCase("?q=%20%20%20", "q")]
    [TestCase("?q=%21%3F%20...%20--%20%26%26", "q")]
    [TestCase("?q=synth&limit=0", "limit")]
    [TestCase("?q=synth&limit=21", "limit")]
    public async Task A_bad_query_is_refused_with_400_naming_the_field(string query, string field)
    {
        var body = await AssertErrorAsync(await GetAsync(SearchPath + query), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(Fields(body), Does.Contain(field));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM search_queries"), Is.Zero, "a refused query is not recorded");
    }

    [Test]
    public async Task A_query_longer_than_100_characters_is_refused()
    {
        await AssertErrorAsync(await GetAsync($"{SearchPath}?q={new string('a', 101)}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await OkAsync(await GetAsync($"{SearchPath}?q={new string('a', 100)}"));
    }

    // ---- Tracks never shown ----

    [Test]
    public async Task Private_unlisted_hidden_and_still_processing_tracks_are_never_found()
    {
        var nova = await UserAsync("dj_nova");
        var carla = await UserAsync("carla");
        var shown = await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Public"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Private", Visibility: "private"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Unlisted", Visibility: "unlisted"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Processing", Status: "processing"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Failed", Status: "failed"));
        var hidden = await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Hidden"));
        Assert.That(await Database.ScalarAsync<int>("UPDATE tracks SET hidden_at = now(), hidden_reason = 'Copyright' WHERE id = @id RETURNING 1", ("id", hidden)), Is.EqualTo(1));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("aurora", carla, "tracks", 20), "tracks"), Is.EqualTo(new[] { shown }));
            Assert.That(HitIds(await SearchAsync("aurora", null, "tracks", 20), "tracks"), Is.EqualTo(new[] { shown }), "anonymous");
            Assert.That(HitIds(await SearchAsync("aurora private", carla, "tracks"), "tracks"), Is.Empty, "not even by its exact title");
            Assert.That(HitIds(await SearchAsync("aurora hidden", null, "tracks"), "tracks"), Is.Empty, "not even by its exact title");
            Assert.That(HitIds(await SearchAsync("aurora proccessing", null, "tracks"), "tracks"), Is.Empty, "not through the typo path either");
        });
    }

    [Test]
    public async Task An_uploaded_track_is_found_as_soon_as_it_is_ready_and_an_edited_title_at_once()
    {
        var nova = await UserAsync("dj_nova");
        var wav = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(StorageRoot, $"search-{Guid.NewGuid():N}.wav"), 1));
        Guid id;
        using (var upload = await TrackUploadRequests.UploadAsync(Client, nova.AccessToken, wav, "nebula.wav", new() { ["title"] = "Nebula Drift", ["tags"] = "ambient" }))
        {
            var body = await BodyAsync(upload);
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
            id = body["data"]!["id"]!.GetValue<Guid>();
        }

        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var response = await GetAsync($"/api/v1/tracks/{id}", nova.AccessToken);
            return (await BodyAsync(response))["data"]!["status"]!.GetValue<string>() != "processing";
        }, TimeSpan.FromSeconds(90)), Is.True, "processing ends");
        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM tracks WHERE id = @id", ("id", id)), Is.EqualTo("ready"));

        // No waiting from here on: the index is the row itself.
        Assert.That(HitIds(await SearchAsync("nebula", type: "tracks"), "tracks"), Is.EqualTo(new[] { id }));
        await OkAsync(await PutAsync($"/api/v1/tracks/{id}", new { title = "Quasar Drift", tags = new[] { "drone" } }, nova.AccessToken));
        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("quasar", type: "tracks"), "tracks"), Is.EqualTo(new[] { id }));
            Assert.That(HitIds(await SearchAsync("drone", type: "tracks"), "tracks"), Is.EqualTo(new[] { id }));
            Assert.That(HitIds(await SearchAsync("nebula", type: "tracks"), "tracks"), Is.Empty);
            Assert.That(HitIds(await SearchAsync("ambient", type: "tracks"), "tracks"), Is.Empty);
        });
        await OkAsync(await PutAsync($"/api/v1/tracks/{id}", new { visibility = "private" }, nova.AccessToken));
        Assert.That(HitIds(await SearchAsync("quasar", type: "tracks"), "tracks"), Is.Empty, "made private: gone at once");
    }

    // ---- Users ----

    [TestCase("nova")]
    [TestCase("starlight")]
    [TestCase("aurora starlight")]
    public async Task A_user_with_a_display_name_is_found_by_username_and_by_display_name(string q)
    {
        var nova = await UserAsync("dj_nova");
        await UserAsync("tape_loops");
        await OkAsync(await PutAsync("/api/v1/users/me", new { display_name = "Aurora Starlight" }, nova.AccessToken));

        Assert.That(HitIds(await SearchAsync(q, type: "users"), "users"), Is.EqualTo(new[] { nova.UserId }));
    }

    [Test]
    public async Task A_user_without_a_display_name_is_found_by_username()
    {
        var loops = await UserAsync("tape_loops");
        await UserAsync("dj_nova");

        Assert.That(HitIds(await SearchAsync("loops", type: "users"), "users"), Is.EqualTo(new[] { loops.UserId }));
    }

    [Test]
    public async Task A_user_hit_without_a_display_name_is_titled_by_the_username_alone()
    {
        await UserAsync("tape_loops");

        Assert.That(Hits(await SearchAsync("loops", type: "users"), "users").Single()!["title"]!.GetValue<string>(), Is.EqualTo("tape_loops"));
    }

    [Test]
    public async Task A_private_profile_is_not_found_once_the_preference_is_set()
    {
        var hermit = await UserAsync("synth_hermit");
        var carla = await UserAsync("carla");
        Assert.That(HitIds(await SearchAsync("hermit", carla, "users"), "users"), Is.EqualTo(new[] { hermit.UserId }), "public by default");

        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { profile = "private" } }, hermit.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("hermit", carla, "users"), "users"), Is.Empty);
            Assert.That(HitIds(await SearchAsync("synth_hermit", null, "users"), "users"), Is.Empty, "anonymous");
        });
    }

    [Test]
    public async Task A_deleted_account_is_not_found()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        Assert.That(HitIds(await SearchAsync("nova", bob, "users"), "users"), Is.EqualTo(new[] { nova.UserId }));

        await OkAsync(await DeleteAsync("/api/v1/users/me", new { password = Password }, nova.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("nova", bob, "users"), "users"), Is.Empty);
            Assert.That(HitIds(await SearchAsync("dj_nova", null, "users"), "users"), Is.Empty, "anonymous");
            Assert.That(HitIds(await SearchAsync("deleted user", bob, "users"), "users"), Is.Empty, "nor by the name it now shows");
        });
    }

    [Test]
    public async Task Someone_who_blocked_the_caller_and_their_tracks_are_hidden_from_the_caller_only()
    {
        var nova = await UserAsync("dj_nova");
        var troll = await UserAsync("troll");
        var carla = await UserAsync("carla");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Aurora Borealis"));
        await OkAsync(await PostAsync($"/api/v1/users/{troll.UserId}/block", new { }, nova.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("nova", troll, "users"), "users"), Is.Empty, "the blocked caller does not find the blocker");
            Assert.That(HitIds(await SearchAsync("aurora", troll, "tracks"), "tracks"), Is.Empty, "nor the blocker's tracks");
            Assert.That(HitIds(await SearchAsync("nova", carla, "users"), "users"), Is.EqualTo(new[] { nova.UserId }), "others still do");
            Assert.That(HitIds(await SearchAsync("aurora", carla, "tracks"), "tracks"), Is.EqualTo(new[] { track }));
            Assert.That(HitIds(await SearchAsync("nova", null, "users"), "users"), Is.EqualTo(new[] { nova.UserId }), "and anonymous");
            Assert.That(HitIds(await SearchAsync("aurora", null, "tracks"), "tracks"), Is.EqualTo(new[] { track }));
        });
    }

    // ---- Playlists, listings, products, rooms ----

    [Test]
    public async Task Public_playlists_are_found_by_title_private_and_unlisted_ones_never()
    {
        var nova = await UserAsync("dj_nova");
        var carla = await UserAsync("carla");
        var shown = await PlaylistAsync(nova, "Late Night Drive", "public");
        await PlaylistAsync(nova, "Late Night Secrets", "private");
        await PlaylistAsync(nova, "Late Night Unlisted", "unlisted");

        Assert.Multiple(async () =>
        {
            Assert.That(Titles(await SearchAsync("late night", carla, "playlists"), "playlists"), Is.EqualTo(new[] { "Late Night Drive" }));
            Assert.That(HitIds(await SearchAsync("late night", null, "playlists"), "playlists"), Is.EqualTo(new[] { shown }), "anonymous");
            Assert.That(HitIds(await SearchAsync("secrets", carla, "playlists"), "playlists"), Is.Empty);
        });
    }

    [Test]
    public async Task Only_active_listings_are_found_drafts_hidden_and_reserved_ones_never()
    {
        var seller = await UserAsync("seller_sam");
        var buyer = await UserAsync("buyer_bea");
        var active = await ListingAsync(seller, "Moog Subsequent 37");
        await ListingAsync(seller, "Moog Grandmother", status: "draft");
        var hidden = await ListingAsync(seller, "Moog Matriarch");
        var reserved = await ListingAsync(seller, "Moog Minitaur");
        await Database.ScalarAsync<int>("UPDATE listings SET hidden_at = now(), hidden_reason = 'Scam' WHERE id = @id RETURNING 1", ("id", hidden));
        await Database.ScalarAsync<int>("UPDATE listings SET status = 'reserved' WHERE id = @id RETURNING 1", ("id", reserved));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("moog", buyer, "listings", 20), "listings"), Is.EqualTo(new[] { active }));
            Assert.That(HitIds(await SearchAsync("moog", null, "listings", 20), "listings"), Is.EqualTo(new[] { active }), "anonymous");
            Assert.That(Titles(await SearchAsync("subsequent", buyer, "listings"), "listings"), Is.EqualTo(new[] { "Moog Subsequent 37" }));
            Assert.That(HitIds(await SearchAsync("matriarch", buyer, "listings"), "listings"), Is.Empty);
            Assert.That(HitIds(await SearchAsync("grandmother", buyer, "listings"), "listings"), Is.Empty);
            Assert.That(HitIds(await SearchAsync("minitaur", buyer, "listings"), "listings"), Is.Empty);
        });
    }

    [Test]
    public async Task Active_products_are_found_by_name_and_brand_discontinued_ones_never()
    {
        var admin = await AdminAsync();
        var user = await UserAsync("carla");
        var active = await ProductAsync(admin, "Scarlett 2i2", "Focusrite");
        await ProductAsync(admin, "Scarlett Solo", "Focusrite", "discontinued");
        var later = await ProductAsync(admin, "Scarlett 18i20", "Focusrite");
        Assert.That(HitIds(await SearchAsync("18i20", user, "products"), "products"), Is.EqualTo(new[] { later }));

        await OkAsync(await PutAsync($"/api/v1/admin/products/{later}", new { status = "discontinued" }, admin.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("scarlett", user, "products", 20), "products"), Is.EqualTo(new[] { active }));
            Assert.That(HitIds(await SearchAsync("focusrite", null, "products", 20), "products"), Is.EqualTo(new[] { active }), "by brand, anonymous");
            Assert.That(Titles(await SearchAsync("2i2", user, "products"), "products"), Is.EqualTo(new[] { "Scarlett 2i2" }));
            Assert.That(HitIds(await SearchAsync("solo", user, "products"), "products"), Is.Empty);
        });
    }

    [Test]
    public async Task A_private_room_is_found_by_its_members_only_and_a_public_room_by_anyone()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        var lounge = await RoomAsync(nova, "Synthwave lounge");
        var secrets = await RoomAsync(nova, "Studio secrets", isPrivate: true);
        using (var invited = await PostAsync($"/api/v1/chat/rooms/{secrets}/invite", new { user_id = bob.UserId }, nova.AccessToken))
        {
            Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(HitIds(await SearchAsync("secrets", bob, "rooms"), "rooms"), Is.Empty, "invited is not yet a member");
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{secrets}/join", new { }, bob.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(HitIds(await SearchAsync("lounge", carla, "rooms"), "rooms"), Is.EqualTo(new[] { lounge }));
            Assert.That(Titles(await SearchAsync("lounge", null, "rooms"), "rooms"), Is.EqualTo(new[] { "Synthwave lounge" }));
            Assert.That(HitIds(await SearchAsync("secrets", carla, "rooms"), "rooms"), Is.Empty, "not a member");
            Assert.That(HitIds(await SearchAsync("studio", null, "rooms"), "rooms"), Is.Empty, "anonymous");
            Assert.That(HitIds(await SearchAsync("secrets", nova, "rooms"), "rooms"), Is.EqualTo(new[] { secrets }), "its owner");
            Assert.That(HitIds(await SearchAsync("secrets", bob, "rooms"), "rooms"), Is.EqualTo(new[] { secrets }), "a member");
        });

        await OkOrNoContentAsync(await PostAsync($"/api/v1/chat/rooms/{secrets}/leave", new { }, bob.AccessToken));
        Assert.That(HitIds(await SearchAsync("secrets", bob, "rooms"), "rooms"), Is.Empty, "gone once they left");
    }

    // ---- Snippets and odd input ----

    [Test]
    public async Task The_snippet_marks_a_word_matched_without_its_accent()
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Beyoncé Forever"));

        var hit = Hits(await SearchAsync("beyonce", type: "tracks"), "tracks").Single()!;

        Assert.That(hit["snippet"]!.GetValue<string>(), Does.Contain("<mark>Beyoncé</mark>"));
    }

    [Test]
    public async Task The_snippet_carries_no_markup_but_its_marks()
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights", Description: "Synthwave <img src=x onerror=alert(1)> forever"));

        var snippet = Hits(await SearchAsync("synthwave", type: "tracks"), "tracks").Single()!["snippet"]!.GetValue<string>();

        Assert.That(snippet.Replace("<mark>", "").Replace("</mark>", ""), Does.Not.Contain("<"), snippet);
    }

    [TestCase("aː")]
    [TestCase("ʼ")]
    [TestCase("rockʼnʼroll")]
    public async Task A_query_of_letters_that_fold_to_punctuation_is_answered_not_a_server_error(string q)
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));

        using var response = await GetAsync($"{SearchPath}?q={Uri.EscapeDataString(q)}");

        Assert.That((int)response.StatusCode, Is.AnyOf(200, 400), _serverErrors.Last());
    }

    // ---- Autocomplete ----

    [Test]
    public async Task Autocomplete_completes_a_username_prefix()
    {
        var nova = await UserAsync("dj_nova");
        var norma = await UserAsync("dj_norma");
        await UserAsync("tape_loops");

        var suggestions = await AutocompleteAsync("DJ_no");

        Assert.That(suggestions.Select(s => (s!["text"]!.GetValue<string>(), s["type"]!.GetValue<string>(), s["id"]!.GetValue<Guid>())),
            Is.EqualTo(new[] { ("dj_nova", "users", nova.UserId), ("dj_norma", "users", norma.UserId) }));
    }

    [Test]
    public async Task Autocomplete_completes_a_track_title_whatever_the_accents_and_case()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Beyoncé Forever"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Ocean Tape"));

        Assert.Multiple(async () =>
        {
            foreach (var prefix in new[] { "beyon", "beyonce f", "BEYONCÉ", "Beyonc" })
            {
                var suggestion = (await AutocompleteAsync(prefix)).Single()!;
                Assert.That((suggestion["text"]!.GetValue<string>(), suggestion["type"]!.GetValue<string>(), suggestion["id"]!.GetValue<Guid>()),
                    Is.EqualTo(("Beyoncé Forever", "tracks", track)), prefix);
            }
        });
    }

    [Test]
    public async Task Autocomplete_completes_a_product_name()
    {
        var admin = await AdminAsync();
        var product = await ProductAsync(admin, "Scarlett 2i2", "Focusrite");

        var suggestion = (await AutocompleteAsync("scarl")).Single()!;

        Assert.That((suggestion["text"]!.GetValue<string>(), suggestion["type"]!.GetValue<string>(), suggestion["id"]!.GetValue<Guid>()),
            Is.EqualTo(("Scarlett 2i2", "products", product)));
    }

    [Test]
    public async Task Autocomplete_completes_a_tag_only_while_something_the_caller_may_see_carries_it()
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Night Drive", Tags: ["vaporwave"]));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Secret", Tags: ["vapor secret"], Visibility: "private"));

        var suggestions = await AutocompleteAsync("VAPOR");

        Assert.That(suggestions.Select(s => (s!["text"]!.GetValue<string>(), s["type"]!.GetValue<string>(), s["id"]?.GetValue<Guid>())),
            Is.EqualTo(new[] { ("vaporwave", "tags", (Guid?)null) }), "a private track's tag is not suggested, though it is counted");
        Assert.That(await TagCountAsync("vapor secret"), Is.EqualTo(1));
    }

    [Test]
    public async Task Autocomplete_never_suggests_what_search_hides()
    {
        var admin = await AdminAsync();
        var nova = await UserAsync("zed_nova");
        var viewer = await UserAsync("viewer");
        var hermit = await UserAsync("zed_hermit");
        var gone = await UserAsync("zed_gone");
        var blocker = await UserAsync("zed_blocker");
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { profile = "private" } }, hermit.AccessToken));
        await OkAsync(await DeleteAsync("/api/v1/users/me", new { password = Password }, gone.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{viewer.UserId}/block", new { }, blocker.AccessToken));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Zed Public"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Zed Private", Visibility: "private"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Zed Unlisted", Visibility: "unlisted"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Zed Processing", Status: "processing"));
        await SeedTrackAsync(blocker.UserId, new TrackSeed("Zed Blocker Track"));
        var hidden = await SeedTrackAsync(nova.UserId, new TrackSeed("Zed Hidden"));
        await Database.ScalarAsync<int>("UPDATE tracks SET hidden_at = now(), hidden_reason = 'Copyright' WHERE id = @id RETURNING 1", ("id", hidden));
        await ProductAsync(admin, "Zed Synth", "Zedcorp");
        await ProductAsync(admin, "Zed Old Synth", "Zedcorp", "discontinued");

        var suggestions = (await AutocompleteAsync("zed", viewer, 20)).Select(s => s!["text"]!.GetValue<string>()).ToArray();

        Assert.That(suggestions, Is.EquivalentTo(new[] { "zed_nova", "Zed Public", "Zed Synth" }));
        Assert.That((await AutocompleteAsync("zed", null, 20)).Select(s => s!["text"]!.GetValue<string>()),
            Is.EquivalentTo(new[] { "zed_nova", "zed_blocker", "Zed Public", "Zed Blocker Track", "Zed Synth" }), "anonymous: only the block differs");
    }

    [Test]
    public async Task Autocomplete_answers_at_most_the_limit_shortest_first_and_refuses_bad_input()
    {
        var nova = await UserAsync("dj_nova");
        foreach (var title in new[] { "Synthwave Nights", "Synth Bee", "Synth A", "Synthetic Dreams" })
        {
            await SeedTrackAsync(nova.UserId, new TrackSeed(title));
        }

        Assert.Multiple(async () =>
        {
            Assert.That((await AutocompleteAsync("synth", null, 2)).Select(s => s!["text"]!.GetValue<string>()), Is.EqualTo(new[] { "Synth A", "Synth Bee" }));
            Assert.That(await AutocompleteAsync("synth"), Has.Count.EqualTo(4));
            Assert.That(await AutocompleteAsync("nothing-like-it"), Is.Empty);
        });
        await AssertErrorAsync(await GetAsync($"{AutocompletePath}?q="), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync(AutocompletePath), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync($"{AutocompletePath}?q=synth&limit=0"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync($"{AutocompletePath}?q=synth&limit=21"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync($"{AutocompletePath}?q={new string('s', 51)}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Autocomplete_treats_like_wildcards_as_text()
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("100% Pure"));
        await SeedTrackAsync(nova.UserId, new TrackSeed("1000 Nights"));

        Assert.Multiple(async () =>
        {
            Assert.That((await AutocompleteAsync("100%")).Select(s => s!["text"]!.GetValue<string>()), Is.EqualTo(new[] { "100% Pure" }));
            Assert.That(await AutocompleteAsync("%"), Is.Empty);
            Assert.That(await AutocompleteAsync("_"), Is.Empty);
        });
    }

    // ---- Analytics ----

    [Test]
    public async Task Each_search_is_recorded_normalised_with_its_kinds_and_result_count_and_not_who_asked()
    {
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));

        await SearchAsync("  Synthwave   NIGHTS ", nova, "tracks");
        await SearchAsync("nothing matches this", null);
        await AutocompleteAsync("synth");

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM search_queries"), Is.EqualTo(2), "autocomplete is not recorded");
            Assert.That(await Database.ScalarAsync<string>("SELECT query || '|' || types || '|' || result_count FROM search_queries WHERE query LIKE 'synth%'"),
                Is.EqualTo("synthwave nights|tracks|1"));
            Assert.That(await Database.ScalarAsync<string>("SELECT query || '|' || types || '|' || result_count FROM search_queries WHERE query LIKE 'nothing%'"),
                Is.EqualTo("nothing matches this|users,tracks,playlists,listings,products,rooms,resources|0"));
            Assert.That(await Database.ScalarAsync<string>(
                    "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'search_queries'"),
                Is.EqualTo("id,query,types,result_count,created_at"), "no column says who asked");
        });
    }

    [Test]
    public async Task Analytics_shows_the_top_queries_with_their_counts_and_the_queries_that_found_nothing()
    {
        var admin = await AdminAsync();
        var nova = await UserAsync("dj_nova");
        await SeedTrackAsync(nova.UserId, new TrackSeed("Synthwave Nights"));
        await SearchAsync("synthwave", nova);
        await SearchAsync("SYNTHWAVE ", null);
        await SearchAsync("Synthwave", admin);
        await SearchAsync("nights", nova);
        await SearchAsync("zzyzx qwop", nova);
        await SearchAsync("zzyzx qwop", null);
        await Database.ScalarAsync<int>(
            "INSERT INTO search_queries (query, types, result_count, created_at) VALUES ('old query', 'tracks', 0, now() - interval '10 days') RETURNING 1");

        var week = await OkDataAsync(await GetAsync($"{AnalyticsPath}?days=7", admin.AccessToken));
        var month = await OkDataAsync(await GetAsync($"{AnalyticsPath}?days=30", admin.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That(week["days"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(Counts(week["top_queries"]!), Is.EqualTo(new[] { ("synthwave", 3L), ("zzyzx qwop", 2L), ("nights", 1L) }));
            Assert.That(week["top_queries"]![0]!["average_results"]!.GetValue<double>(), Is.EqualTo(1));
            Assert.That(Counts(week["no_result_queries"]!), Is.EqualTo(new[] { ("zzyzx qwop", 2L) }));
            Assert.That(Counts(month["no_result_queries"]!), Is.EqualTo(new[] { ("zzyzx qwop", 2L), ("old query", 1L) }), "older than a week, within a month");
        });
    }

    [Test]
    public async Task Analytics_is_for_admins_only_and_days_is_1_to_365()
    {
        var admin = await AdminAsync();
        var user = await UserAsync("carla");

        await AssertErrorAsync(await GetAsync($"{AnalyticsPath}?days=7"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await GetAsync($"{AnalyticsPath}?days=7", user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await GetAsync($"{AnalyticsPath}?days=0", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await GetAsync($"{AnalyticsPath}?days=366", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var data = await OkDataAsync(await GetAsync(AnalyticsPath, admin.AccessToken));
        Assert.That((data["days"]!.GetValue<int>(), data["top_queries"]!.AsArray().Count, data["no_result_queries"]!.AsArray().Count), Is.EqualTo((7, 0, 0)));
    }

    // ---- Helpers ----

    private async Task<JsonNode> SearchAsync(string q, Tokens? caller = null, string? type = null, int? limit = null)
    {
        var path = $"{SearchPath}?q={Uri.EscapeDataString(q)}" + (type is null ? "" : $"&type={type}") + (limit is null ? "" : $"&limit={limit}");
        return await DataAsync(await GetAsync(path, caller?.AccessToken));
    }

    private async Task<JsonArray> AutocompleteAsync(string q, Tokens? caller = null, int? limit = null)
    {
        var path = $"{AutocompletePath}?q={Uri.EscapeDataString(q)}" + (limit is null ? "" : $"&limit={limit}");
        return (await DataAsync(await GetAsync(path, caller?.AccessToken))).AsArray();
    }

    /// <summary>The data of a 200 answer; otherwise fails with the body and the API's last error log.</summary>
    private async Task<JsonNode> DataAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), () => $"{response.RequestMessage?.RequestUri?.PathAndQuery}: {text}\n{_serverErrors.Last()}");
            return JsonNode.Parse(text)!["data"]!;
        }
    }

    private static JsonArray Hits(JsonNode data, string kind) => data["results"]![kind]!.AsArray();

    private static Guid[] HitIds(JsonNode data, string kind) => Hits(data, kind).Select(h => h!["id"]!.GetValue<Guid>()).ToArray();

    private static string[] Titles(JsonNode data, string kind) => Hits(data, kind).Select(h => h!["title"]!.GetValue<string>()).ToArray();

    private static string[] Keys(JsonNode data) => data["results"]!.AsObject().Select(p => p.Key).ToArray();

    private static (string, long)[] Counts(JsonNode list) =>
        list.AsArray().Select(q => (q!["query"]!.GetValue<string>(), q["count"]!.GetValue<long>())).ToArray();

    private static async Task<JsonNode> OkDataAsync(HttpResponseMessage response) => (await OkAsync(response))["data"]!;

    private static async Task OkOrNoContentAsync(HttpResponseMessage response) =>
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());

    private async Task<Guid> PlaylistAsync(Tokens owner, string title, string visibility)
    {
        using var response = await PostAsync("/api/v1/playlists", new { title, visibility }, owner.AccessToken);
        return await CreatedIdAsync(response);
    }

    private async Task<Guid> ListingAsync(Tokens seller, string title, string status = "active")
    {
        using var response = await PostAsync("/api/v1/listings",
            new { title, kind = "sale", condition = "good", category_id = AudioInterfaces, price = "49.90", currency = "EUR", status }, seller.AccessToken);
        return await CreatedIdAsync(response);
    }

    private async Task<Guid> ProductAsync(Tokens admin, string name, string brand, string status = "active")
    {
        using var response = await PostAsync("/api/v1/admin/products", new { name, brand, category_id = AudioInterfaces, status }, admin.AccessToken);
        return await CreatedIdAsync(response);
    }

    private async Task<Guid> RoomAsync(Tokens owner, string name, bool isPrivate = false)
    {
        using var response = await PostAsync("/api/v1/chat/rooms", new { name, is_private = isPrivate }, owner.AccessToken);
        return await CreatedIdAsync(response);
    }

    private sealed class ServerErrorLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _errors = new();

        public string Last() => _errors.LastOrDefault() ?? "(no error logged)";

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _errors.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message));
            }
        }
    }
}
