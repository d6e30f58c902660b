using System.Net;
using System.Text.Json.Nodes;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Tags across tracks and listings (issue 15) over HTTP: a tag's page, trends, and moderators renaming, merging and
/// deleting tags with the items and counts checked in the database.
/// </summary>
public class TagApiTests : TrackApiTestBase
{
    private static readonly Guid Synths = Guid.Parse("0193a000-0000-7000-8000-000000000103");

    [Test]
    public async Task A_tags_page_has_its_counts_and_the_newest_items_the_caller_may_see()
    {
        var nova = await UserAsync("dj_nova");
        var rex = await UserAsync("rex_beats");
        var reader = await UserAsync("reader_rae");
        var older = await SeedTrackAsync(nova.UserId, new TrackSeed("Older Drift", Tags: ["ambient"]));
        var newer = await SeedTrackAsync(nova.UserId, new TrackSeed("Newer Drift", Tags: ["ambient", "tape"]));
        await SeedTrackAsync(nova.UserId, new TrackSeed("Hidden Drift", Tags: ["ambient"], Visibility: "private"));
        await SeedTrackAsync(rex.UserId, new TrackSeed("Blocked Drift", Tags: ["ambient"]));
        await OkOrNoContentAsync(await PostAsync($"/api/v1/users/{reader.UserId}/block", new { }, rex.AccessToken));
        await Database.ScalarAsync<int>("UPDATE tracks SET created_at = created_at - interval '1 day' WHERE id = @id RETURNING 1", ("id", older));
        var listing = await ListingAsync(nova, "Juno-60", ["Ambient"]);

        var tag = (await OkAsync(await GetAsync("/api/v1/tags/AMBIENT", reader.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(tag["name"]!.GetValue<string>(), Is.EqualTo("ambient"));
            Assert.That((tag["usage_count"]!.GetValue<int>(), tag["track_count"]!.GetValue<int>(), tag["listing_count"]!.GetValue<int>()), Is.EqualTo((5, 4, 1)),
                "counts are of items, whatever their visibility");
            Assert.That(ItemIds(tag["tracks"]!), Is.EqualTo(new[] { newer, older }), "newest first; never the private track nor one of someone who blocked the caller");
            Assert.That(ItemIds(tag["listings"]!), Is.EqualTo(new[] { listing }));
        });
        await AssertErrorAsync(await GetAsync("/api/v1/tags/never-used", reader.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync("/api/v1/tags/a%3Cb", reader.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Trending_tags_are_those_whose_use_grew_most_against_the_span_before()
    {
        var nova = await UserAsync("dj_nova");
        async Task TrackAsync(string tag, int daysAgo)
        {
            var id = await SeedTrackAsync(nova.UserId, new TrackSeed($"{tag} {daysAgo}", Tags: [tag]));
            await Database.ScalarAsync<int>("UPDATE tracks SET created_at = now() - make_interval(days => @d) WHERE id = @id RETURNING 1", ("d", daysAgo), ("id", id));
        }

        // rising: 3 this week, 0 the week before; steady: 2 and 2; falling: 1 and 4; old: only the week before.
        foreach (var (tag, days) in new[] { ("rising", 1), ("rising", 2), ("rising", 3), ("steady", 1), ("steady", 2), ("steady", 8), ("steady", 9),
                     ("falling", 1), ("falling", 8), ("falling", 9), ("falling", 10), ("falling", 11), ("old", 10), ("ancient", 30) })
        {
            await TrackAsync(tag, days);
        }

        await SeedTrackAsync(nova.UserId, new TrackSeed("Secret", Tags: ["secret"], Visibility: "private"));

        var trending = (await OkAsync(await GetAsync("/api/v1/tags/trending?days=7", nova.AccessToken)))["data"]!.AsArray();

        Assert.That(trending.Select(t => (t!["name"]!.GetValue<string>(), t["uses"]!.GetValue<int>(), t["previous_uses"]!.GetValue<int>(), t["growth"]!.GetValue<int>())),
            Is.EqualTo(new[] { ("rising", 3, 0, 3), ("steady", 2, 2, 0), ("falling", 1, 4, -3) }), "a private item never counts; unused tags are not listed");
        await AssertErrorAsync(await GetAsync("/api/v1/tags/trending?days=0", nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task A_moderator_renames_a_tag_on_every_item_and_search_finds_them_by_the_new_name()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Night Drive", Tags: ["synthwav", "retro"]));
        var listing = await ListingAsync(nova, "Juno-60", ["synthwav"]);
        var moderator = await ModeratorAsync();

        var renamed = (await OkAsync(await PutAsync("/api/v1/admin/tags/Synthwav", new { name = "Synthwave" }, moderator.AccessToken)))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That((renamed["name"]!.GetValue<string>(), renamed["usage_count"]!.GetValue<int>()), Is.EqualTo(("synthwave", 2)));
            Assert.That(await TagsOfAsync("tracks", track), Is.EqualTo(new[] { "synthwave", "retro" }), "renamed in place");
            Assert.That(await TagsOfAsync("listings", listing), Is.EqualTo(new[] { "synthwave" }));
            Assert.That(await TagCountAsync("synthwav"), Is.Null, "the old name is gone");
            Assert.That(await TagCountAsync("synthwave"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'tags.rename' AND target = 'tag:synthwave' AND actor_user_id = @id",
                ("id", moderator.UserId)), Is.EqualTo(1));
        });
        var hits = (await OkAsync(await GetAsync("/api/v1/search/advanced?type=tracks&tags=synthwave", nova.AccessToken)))["data"]!.AsArray();
        Assert.That(hits.Select(h => h!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { track }));
    }

    [Test]
    public async Task Renaming_onto_a_tag_in_use_is_409_and_changes_nothing()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Night Drive", Tags: ["synth", "synthwave"]));
        var moderator = await ModeratorAsync();

        await AssertErrorAsync(await PutAsync("/api/v1/admin/tags/synth", new { name = "synthwave" }, moderator.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        await AssertErrorAsync(await PutAsync("/api/v1/admin/tags/nothing", new { name = "something" }, moderator.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.That(await TagsOfAsync("tracks", track), Is.EqualTo(new[] { "synth", "synthwave" }));
    }

    [Test]
    public async Task Merging_moves_every_item_to_the_target_once_and_recounts_it()
    {
        var nova = await UserAsync("dj_nova");
        var both = await SeedTrackAsync(nova.UserId, new TrackSeed("Both", Tags: ["lofi", "lo-fi", "chill"]));
        var variant = await SeedTrackAsync(nova.UserId, new TrackSeed("Variant", Tags: ["lo-fi"]));
        var target = await SeedTrackAsync(nova.UserId, new TrackSeed("Target", Tags: ["lofi"]));
        var listing = await ListingAsync(nova, "Tape deck", ["lo-fi"]);
        var moderator = await ModeratorAsync();

        var merged = (await OkAsync(await PostAsync("/api/v1/admin/tags/lo-fi/merge", new { into = "LOFI" }, moderator.AccessToken)))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That((merged["name"]!.GetValue<string>(), merged["usage_count"]!.GetValue<int>(), merged["track_count"]!.GetValue<int>(), merged["listing_count"]!.GetValue<int>()),
                Is.EqualTo(("lofi", 4, 3, 1)));
            Assert.That(await TagsOfAsync("tracks", both), Is.EqualTo(new[] { "lofi", "chill" }), "an item with both keeps one");
            Assert.That(await TagsOfAsync("tracks", variant), Is.EqualTo(new[] { "lofi" }));
            Assert.That(await TagsOfAsync("tracks", target), Is.EqualTo(new[] { "lofi" }));
            Assert.That(await TagsOfAsync("listings", listing), Is.EqualTo(new[] { "lofi" }));
            Assert.That(await TagCountAsync("lo-fi"), Is.Null);
            Assert.That(await TagCountAsync("lofi"), Is.EqualTo(4));
        });
        await AssertErrorAsync(await PostAsync("/api/v1/admin/tags/lofi/merge", new { into = "lofi" }, moderator.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PostAsync("/api/v1/admin/tags/lofi/merge", new { into = "unused" }, moderator.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Deleting_a_tag_takes_it_off_every_item_which_stays()
    {
        var nova = await UserAsync("dj_nova");
        var track = await SeedTrackAsync(nova.UserId, new TrackSeed("Night Drive", Tags: ["spam", "retro"]));
        var listing = await ListingAsync(nova, "Juno-60", ["spam"]);
        var moderator = await ModeratorAsync();

        using (var response = await DeleteAsync("/api/v1/admin/tags/spam", null, moderator.AccessToken))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await TagsOfAsync("tracks", track), Is.EqualTo(new[] { "retro" }));
            Assert.That(await TagsOfAsync("listings", listing), Is.Empty);
            Assert.That(await TagCountAsync("spam"), Is.Null);
            Assert.That(await TagCountAsync("retro"), Is.EqualTo(1), "other tags untouched");
        });
        await AssertErrorAsync(await DeleteAsync("/api/v1/admin/tags/spam", null, moderator.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    private async Task<Tokens> ModeratorAsync()
    {
        var tokens = await UserAsync("mod_milo");
        await Database.ScalarAsync<int>("UPDATE users SET role = 'moderator' WHERE id = @id RETURNING 1", ("id", tokens.UserId));
        return await LoginAsync("mod_milo");
    }

    private async Task<string[]> TagsOfAsync(string table, Guid id) =>
        (await Database.ScalarAsync<string[]>($"SELECT tags FROM {table} WHERE id = @id", ("id", id)))!;

    private async Task<Guid> ListingAsync(Tokens seller, string title, string[] tags) =>
        await CreatedIdAsync(await PostAsync("/api/v1/listings",
            new { title, kind = "sale", condition = "good", category_id = Synths, price = "900.00", currency = "EUR", tags }, seller.AccessToken));

    private static Guid[] ItemIds(JsonNode items) => [.. items.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];

    private static async Task OkOrNoContentAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        }
    }
}
