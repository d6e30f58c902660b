using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Infrastructure.Plays;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Plays over HTTP: bytes fetched through signed URLs count (once per listener per 30 minutes), player
/// reports settle at once, anonymous listeners count by a keyed hash, and the history, stats and dashboard
/// show it. Seeded tracks last one second, so half of it (0.5 s) is a play; the flusher is driven by hand.
/// </summary>
public class PlayCountingTests : TrackApiTestBase
{
    private readonly ManualClock _clock = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IClock>(_clock);

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        ["Plays:FlushInterval"] = "00:01:00",
    };

    /// <summary>Tokens are stamped with this clock: each test starts on the real time.</summary>
    [SetUp]
    public void StartNow() => _clock.Set(DateTimeOffset.UtcNow);

    private Task<int> FlushAsync() => Factory.Services.GetRequiredService<ServedAudioFlusher>().FlushAsync(CancellationToken.None);

    [Test]
    public async Task A_track_fetched_through_its_signed_url_counts_once_in_thirty_minutes_and_shows_in_history_stats_and_dashboard()
    {
        var owner = await UserAsync("dj_nova");
        var listener = await UserAsync("listener");
        var admin = await AdminAsync();
        var id = await SeedTrackAsync(owner.UserId);

        await FetchAsync(await UrlAsync(id, listener.AccessToken));
        var first = await FlushAsync();
        await FetchAsync(await UrlAsync(id, listener.AccessToken));
        var again = await FlushAsync();

        var track = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}", listener.AccessToken)))["data"]!;
        var history = await OkAsync(await GetAsync("/api/v1/users/me/history", listener.AccessToken));
        var stats = (await OkAsync(await GetAsync("/api/v1/users/me/stats", owner.AccessToken)))["data"]!;
        var dashboard = (await OkAsync(await GetAsync("/api/v1/admin/dashboard", admin.AccessToken)))["data"]!;
        Assert.Multiple(async () =>
        {
            Assert.That((first, again), Is.EqualTo((1, 0)), "the second listening falls in the first one's 30 minutes");
            Assert.That(track["plays"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(history["data"]!.AsArray().Select(e => e!["track"]!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { id }));
            Assert.That(history["data"]![0]!["played_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(_clock.UtcNow).Within(TimeSpan.FromSeconds(1)));
            Assert.That(history["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That((stats["tracks"]!.GetValue<long>(), stats["plays_received"]!.GetValue<long>()), Is.EqualTo((1L, 1L)));
            Assert.That((dashboard["plays_total"]!.GetValue<long>(), dashboard["plays_today"]!.GetValue<long>()), Is.EqualTo((1L, 1L)));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT user_id FROM plays"), Is.EqualTo(listener.UserId));
        });
    }

    [Test]
    public async Task After_thirty_minutes_the_same_listener_counts_again()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = await UrlAsync(id, owner.AccessToken);
        await FetchAsync(url);
        await FlushAsync();

        // The URL lives an hour: the same one still plays 30 minutes later.
        _clock.Advance(PlayRules.Window);
        await FetchAsync(url);
        await FlushAsync();

        Assert.That(await Database.ScalarAsync<long>("SELECT play_count FROM tracks WHERE id = @t", ("t", id)), Is.EqualTo(2));
    }

    [Test]
    public async Task A_player_report_settles_the_play_at_once_but_never_beyond_what_was_served()
    {
        var owner = await UserAsync("dj_nova");
        var listener = await UserAsync("listener");
        var id = await SeedTrackAsync(owner.UserId);

        var before = (await OkAsync(await PostAsync($"/api/v1/tracks/{id}/plays", new { seconds = 1 }, listener.AccessToken)))["data"]!;
        await FetchAsync(await UrlAsync(id, listener.AccessToken));
        var after = (await OkAsync(await PostAsync($"/api/v1/tracks/{id}/plays", new { seconds = 1 }, listener.AccessToken)))["data"]!;
        var repeated = (await OkAsync(await PostAsync($"/api/v1/tracks/{id}/plays", new { seconds = 1 }, listener.AccessToken)))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(before["outcome"]!.GetValue<string>(), Is.EqualTo("not_yet"), "nothing served yet: the report claims nothing");
            Assert.That(after.ToJsonString(), Is.EqualTo("""{"outcome":"counted","served_seconds":1,"threshold_seconds":0.5,"play_count":1}"""));
            Assert.That(repeated["outcome"]!.GetValue<string>(), Is.EqualTo("already_counted"));
            Assert.That(await FlushAsync(), Is.Zero, "the report took this node's unflushed bytes");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM plays"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Anonymous_listeners_play_public_tracks_and_count_by_a_keyed_hash_of_address_and_agent()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var privateTrack = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));

        var urls = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}/stream")))["data"]!;
        var url = urls["urls"]!["mp3_128"]!.GetValue<string>();
        var lid = Uri.UnescapeDataString(url.Split("&lid=")[1].Split('&')[0]);
        await FetchAsync(url);
        await FlushAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(lid, Does.StartWith(ListenerIds.AnonymousPrefix).And.Length.EqualTo(24));
            Assert.That(urls["urls"]!["original"], Is.Null);
            Assert.That(await Database.ScalarAsync<long>("SELECT play_count FROM tracks WHERE id = @t", ("t", id)), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM plays WHERE user_id IS NULL AND NOT in_history"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>("SELECT listener FROM play_progress"), Is.EqualTo(lid), "only the hash is stored");
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{privateTrack}/stream"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{privateTrack}/plays", new { seconds = 1 }), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Clearing_the_history_empties_it_and_the_plays_still_count()
    {
        var owner = await UserAsync("dj_nova");
        var listener = await UserAsync("listener");
        var id = await SeedTrackAsync(owner.UserId);
        await FetchAsync(await UrlAsync(id, listener.AccessToken));
        await FlushAsync();

        using var cleared = await DeleteAsync("/api/v1/users/me/history", null, listener.AccessToken);
        var history = await OkAsync(await GetAsync("/api/v1/users/me/history", listener.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(history["data"]!.AsArray(), Is.Empty);
            Assert.That(await Database.ScalarAsync<long>("SELECT play_count FROM tracks WHERE id = @t", ("t", id)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Bad_reports_are_refused_in_the_envelope()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var processing = await SeedTrackAsync(owner.UserId, new TrackSeed(Status: "processing"));

        var negative = await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{id}/plays", new { seconds = -3 }, owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{id}/plays", new { seconds = "lots" }, owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var extra = await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{id}/plays", new { seconds = 3, play_count = 1000 }, owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{processing}/plays", new { seconds = 3 }, owner.AccessToken), (HttpStatusCode)422, "INVALID_STATE");
        await AssertErrorAsync(await PostAsync($"/api/v1/tracks/{Guid.NewGuid()}/plays", new { seconds = 3 }, owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync("/api/v1/users/me/history"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        Assert.Multiple(async () =>
        {
            Assert.That(negative["error"]!["details"]!.ToJsonString(), Does.Contain("seconds"));
            Assert.That(extra["error"]!["details"]!.ToJsonString(), Does.Contain("play_count"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM play_progress"), Is.Zero);
        });
    }

    private async Task<string> UrlAsync(Guid id, string accessToken) =>
        (await OkAsync(await GetAsync($"/api/v1/tracks/{id}/stream", accessToken)))["data"]!["urls"]!["mp3_128"]!.GetValue<string>();

    private async Task FetchAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await response.Content.ReadAsByteArrayAsync();
    }
}
