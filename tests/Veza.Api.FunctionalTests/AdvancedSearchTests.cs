using System.Net;
using System.Text.Json.Nodes;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// GET /search/advanced (issue 15): one type at a time, each filter checked against the exact set it must leave,
/// sorts, paging, visibility, and the 400s for filters a type does not have.
/// </summary>
public class AdvancedSearchTests : TrackApiTestBase
{
    private const string AdvancedPath = "/api/v1/search/advanced";
    private static readonly Guid Studio = Guid.Parse("0193a000-0000-7000-8000-000000000200");
    private static readonly Guid AudioInterfaces = Guid.Parse("0193a000-0000-7000-8000-000000000201");
    private static readonly Guid Microphones = Guid.Parse("0193a000-0000-7000-8000-000000000202");
    private static readonly Guid Guitars = Guid.Parse("0193a000-0000-7000-8000-000000000101");

    [Test]
    public async Task Track_filters_each_leave_exactly_the_tracks_that_match()
    {
        var nova = await UserAsync("dj_nova");
        var rex = await UserAsync("rex_beats");
        var ambientLong = await SeedTrackAsync(nova.UserId, new TrackSeed("Drift", Genre: "Ambient", Tags: ["drone", "tape"], Seconds: 4));
        var ambientShort = await SeedTrackAsync(nova.UserId, new TrackSeed("Dust", Genre: "ambient", Tags: ["tape"]));
        var house = await SeedTrackAsync(rex.UserId, new TrackSeed("Jack", Genre: "House", Tags: ["drone", "club"]));
        await SeedTrackAsync(rex.UserId, new TrackSeed("Secret Drift", Genre: "Ambient", Tags: ["drone", "tape"], Visibility: "private"));
        await Database.ScalarAsync<int>("UPDATE tracks SET created_at = '2024-01-10T00:00:00Z' WHERE id = @id RETURNING 1", ("id", ambientShort));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await IdsAsync("type=tracks&genre=AMBIENT"), Is.EquivalentTo(new[] { ambientLong, ambientShort }), "genre, any case; never the private one");
            Assert.That(await IdsAsync("type=tracks&tags=drone,tape"), Is.EquivalentTo(new[] { ambientLong, ambientShort, house }), "tags_mode any by default");
            Assert.That(await IdsAsync("type=tracks&tags=Drone,%20TAPE&tags_mode=all"), Is.EqualTo(new[] { ambientLong }), "all: every tag, tags normalised");
            Assert.That(await IdsAsync("type=tracks&min_duration=3"), Is.EqualTo(new[] { ambientLong }));
            Assert.That(await IdsAsync("type=tracks&max_duration=2"), Is.EquivalentTo(new[] { ambientShort, house }));
            Assert.That(await IdsAsync($"type=tracks&user_id={rex.UserId}"), Is.EqualTo(new[] { house }), "someone's public tracks only");
            Assert.That(await IdsAsync("type=tracks&to=2024-06-01T00:00:00Z"), Is.EqualTo(new[] { ambientShort }));
            Assert.That(await IdsAsync("type=tracks&from=2024-06-01T00:00:00Z&genre=ambient"), Is.EqualTo(new[] { ambientLong }));
            Assert.That(await IdsAsync("type=tracks&q=drift"), Is.EqualTo(new[] { ambientLong }), "words and visibility as in /search");
        });
    }

    [Test]
    public async Task Tracks_sort_by_newest_by_default_and_by_title_or_popularity_when_asked()
    {
        var nova = await UserAsync("dj_nova");
        var b = await SeedTrackAsync(nova.UserId, new TrackSeed("Bravo"));
        var a = await SeedTrackAsync(nova.UserId, new TrackSeed("Alpha"));
        var c = await SeedTrackAsync(nova.UserId, new TrackSeed("Charlie"));
        await Database.ScalarAsync<int>("UPDATE tracks SET play_count = 50 WHERE id = @id RETURNING 1", ("id", b));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await IdsAsync("type=tracks"), Is.EqualTo(new[] { c, a, b }), "newest first without q");
            Assert.That(await IdsAsync("type=tracks&sort=title"), Is.EqualTo(new[] { a, b, c }));
            Assert.That((await IdsAsync("type=tracks&sort=popular"))[0], Is.EqualTo(b));
        });
    }

    [Test]
    public async Task Listing_filters_cover_price_category_with_its_subtree_condition_and_kind()
    {
        var seller = await UserAsync("seller_sam");
        var cheapInterface = await ListingAsync(seller, "Focusrite Solo", AudioInterfaces, "sale", "good", "80.00");
        var dearMic = await ListingAsync(seller, "Neumann U87", Microphones, "sale", "like_new", "2100.00");
        var guitar = await ListingAsync(seller, "Telecaster", Guitars, "sale_or_trade", "fair", "650.00");
        var trade = await ListingAsync(seller, "Shure SM7B swap", Microphones, "trade", "good", null);
        await ListingAsync(seller, "Draft Mic", Microphones, "sale", "good", "10.00", status: "draft");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await IdsAsync("type=listings&min_price=100&max_price=1000"), Is.EqualTo(new[] { guitar }), "inclusive range; trades have no price");
            Assert.That(await IdsAsync($"type=listings&category={Studio}"), Is.EquivalentTo(new[] { cheapInterface, dearMic, trade }), "a category includes those under it");
            Assert.That(await IdsAsync($"type=listings&category={Microphones}&condition=good"), Is.EqualTo(new[] { trade }));
            Assert.That(await IdsAsync("type=listings&kind=sale_or_trade"), Is.EqualTo(new[] { guitar }));
            Assert.That(await IdsAsync("type=listings&sort=price_asc"), Is.EqualTo(new[] { cheapInterface, guitar, dearMic, trade }), "trades last");
            Assert.That(await IdsAsync("type=listings&sort=price_desc"), Is.EqualTo(new[] { dearMic, guitar, cheapInterface, trade }));
            Assert.That(await IdsAsync($"type=listings&user_id={seller.UserId}&q=neumann"), Is.EqualTo(new[] { dearMic }));
        });
    }

    [Test]
    public async Task Users_can_be_limited_to_those_with_a_public_track_and_products_by_category_and_brand()
    {
        var maker = await UserAsync("maker_mo");
        var listener = await UserAsync("listener_li");
        var hider = await UserAsync("hider_hu");
        await SeedTrackAsync(maker.UserId, new TrackSeed("Out There"));
        await SeedTrackAsync(hider.UserId, new TrackSeed("In Here", Visibility: "private"));
        var admin = await AdminAsync();
        var scarlett = await ProductAsync(admin, "Scarlett 2i2", "Focusrite", AudioInterfaces);
        var clarett = await ProductAsync(admin, "Clarett 4Pre", "Focusrite", AudioInterfaces);
        var sm58 = await ProductAsync(admin, "SM58", "Shure", Microphones);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await IdsAsync("type=users&has_tracks=true"), Is.EqualTo(new[] { maker.UserId }), "a private track does not count");
            Assert.That(await IdsAsync("type=users&has_tracks=false"), Does.Contain(listener.UserId).And.Contain(hider.UserId).And.Not.Contain(maker.UserId));
            Assert.That(await IdsAsync("type=products&brand=focusrite&sort=title"), Is.EqualTo(new[] { clarett, scarlett }));
            Assert.That(await IdsAsync($"type=products&category={Studio}&brand=Shure"), Is.EqualTo(new[] { sm58 }));
        });
    }

    [Test]
    public async Task Results_are_paged_with_the_standard_pagination_even_past_the_last_page()
    {
        var nova = await UserAsync("dj_nova");
        for (var i = 0; i < 5; i++)
        {
            await SeedTrackAsync(nova.UserId, new TrackSeed($"Loop {i}"));
        }

        var second = await OkAsync(await GetAsync($"{AdvancedPath}?type=tracks&sort=title&page=2&limit=2"));
        var past = await OkAsync(await GetAsync($"{AdvancedPath}?type=tracks&page=9&limit=2"));

        Assert.Multiple(() =>
        {
            Assert.That(second["data"]!.AsArray().Select(h => h!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Loop 2", "Loop 3" }));
            Assert.That(second["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(5));
            Assert.That(second["pagination"]!["total_pages"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(second["data"]![0]!["score"]!.GetValue<double>(), Is.EqualTo(0), "nothing ranks without words");
            Assert.That(past["data"]!.AsArray(), Is.Empty);
            Assert.That(past["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(5), "the total is still told past the end");
        });
    }

    [TestCase("", "type")]
    [TestCase("type=songs", "type")]
    [TestCase("type=tracks&min_price=10", "min_price")]
    [TestCase("type=users&genre=house", "genre")]
    [TestCase("type=tracks&sort=price_asc", "sort")]
    [TestCase("type=tracks&sort=relevance", "sort")]
    [TestCase("type=tracks&tags_mode=some&tags=a", "tags_mode")]
    [TestCase("type=tracks&tags=a%3Cb", "tags")]
    [TestCase("type=tracks&min_duration=60&max_duration=30", "max_duration")]
    [TestCase("type=tracks&from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "to")]
    [TestCase("type=listings&condition=mint", "condition")]
    [TestCase("type=listings&kind=rent", "kind")]
    [TestCase("type=listings&min_price=-1", "min_price")]
    [TestCase("type=tracks&q=%21%21", "q")]
    public async Task A_bad_filter_is_400_naming_it(string query, string field)
    {
        var body = await AssertErrorAsync(await GetAsync($"{AdvancedPath}?{query}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(Fields(body), Does.Contain(field));
    }

    private async Task<Guid[]> IdsAsync(string query)
    {
        var body = await OkAsync(await GetAsync($"{AdvancedPath}?{query}"));
        return [.. body["data"]!.AsArray().Select(h => h!["id"]!.GetValue<Guid>())];
    }

    private async Task<Guid> ListingAsync(Tokens seller, string title, Guid category, string kind, string condition, string? price, string status = "active")
    {
        using var response = await PostAsync("/api/v1/listings",
            new { title, kind, condition, category_id = category, price, currency = price is null ? null : "EUR", status }, seller.AccessToken);
        return await CreatedIdAsync(response);
    }

    private async Task<Guid> ProductAsync(Tokens admin, string name, string brand, Guid category)
    {
        using var response = await PostAsync("/api/v1/admin/products", new { name, brand, category_id = category, status = "active" }, admin.AccessToken);
        return await CreatedIdAsync(response);
    }
}
