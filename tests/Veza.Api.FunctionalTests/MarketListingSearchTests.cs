using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// GET /listings and GET /users/{id}/listings against a known market: every filter and sort is checked against
/// the exact set (and order) it must answer; drafts, hidden, reserved and archived listings stay out of the market.
/// </summary>
public sealed class MarketListingSearchTests : MarketListingTestBase
{
    private Tokens _nova = null!;
    private Tokens _bob = null!;
    private Dictionary<string, Guid> _l = null!;

    /// <summary>
    /// The market, published in this order (so "new" is the reverse): L1..L8 on the market; a draft, a hidden, a
    /// reserved and an archived listing in between, which it never shows.
    /// </summary>
    [SetUp]
    public async Task SeedMarket()
    {
        _nova = await UserAsync("dj_nova");
        _bob = await UserAsync("bass_bob");
        _l = [];
        await Add("L1", _nova, ListingBody("Fender Stratocaster", Guitars, "sale", "899.00", "EUR", "good", ["guitar", "Vintage"]));
        await Add("L2", _nova, ListingBody("Squier Telecaster", Guitars, "sale", "249.50", "EUR", "like_new", ["guitar"]));
        await Add("Draft", _nova, ListingBody("Gibson Les Paul", Guitars, "sale", "1500.00", "EUR", "good", ["guitar", "vintage"], status: "draft"));
        await Add("L3", _bob, ListingBody("Precision Bass", Basses, "sale_or_trade", "650.00", "EUR", "fair", ["bass", "vintage"]));
        await Add("L4", _bob, ListingBody("Korg Minilogue", Keyboards, "sale", "399.00", "EUR", "new", ["synth"]));
        await Add("Hidden", _bob, ListingBody("Ibanez Stratocaster copy", Guitars, "sale", "300.00", "EUR", "good", ["guitar", "vintage"]));
        await Add("L5", _nova, ListingBody("Shure SM58", Microphones, "sale", "79.90", "USD", "good", ["mic"]));
        await Add("L6", _bob, ListingBody("Drum kit for a synth", Drums, "trade", null, condition: "for_parts", tags: ["vintage"]));
        await Add("Reserved", _nova, ListingBody("Reserved Stratocaster", Guitars, "sale", "500.00", "EUR", "good", ["vintage"]));
        await Add("L7", _nova, ListingBody("Serum licence", Plugins, "sale", "120.00", "EUR", "new", description: "A wavetable synth, 100% transferable."));
        await Add("Archived", _bob, ListingBody("Archived Strat", Guitars, "sale", "200.00", "EUR", "good", ["vintage"]));
        await Add("L8", _bob, ListingBody("Yamaha HS8 monitors", Monitors, "sale", "299.00", "EUR", "like_new"));
        await SqlAsync("UPDATE listings SET hidden_at = now(), hidden_reason = 'Scam' WHERE id = @id", ("id", _l["Hidden"]));
        await SqlAsync("UPDATE listings SET status = 'reserved' WHERE id = @id", ("id", _l["Reserved"]));
        await SqlAsync("UPDATE listings SET status = 'archived', expires_at = NULL WHERE id = @id", ("id", _l["Archived"]));
    }

    [Test]
    public async Task The_market_shows_only_active_visible_listings_newest_published_first_to_anyone()
    {
        var anonymous = await PageAsync(await GetAsync("/api/v1/listings"));
        var signedIn = await PageAsync(await GetAsync("/api/v1/listings?sort=new", _nova.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That(Names(anonymous), Is.EqualTo(new[] { "L8", "L7", "L6", "L5", "L4", "L3", "L2", "L1" }));
            Assert.That(Names(signedIn), Is.EqualTo(Names(anonymous)), "a seller's own drafts stay off the market too");
            Assert.That(anonymous["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(8));
            var l6 = anonymous["data"]!.AsArray().Single(l => l!["id"]!.GetValue<Guid>() == _l["L6"])!;
            Assert.That((l6["kind"]!.GetValue<string>(), l6["price"], l6["currency"]), Is.EqualTo(("trade", (System.Text.Json.Nodes.JsonNode?)null, (System.Text.Json.Nodes.JsonNode?)null)));
            var l2 = anonymous["data"]!.AsArray().Single(l => l!["id"]!.GetValue<Guid>() == _l["L2"])!;
            Assert.That(l2["price"]!.GetValue<string>(), Is.EqualTo("249.50"));
            Assert.That(l2["seller"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(l2["category"]!["id"]!.GetValue<Guid>(), Is.EqualTo(Guitars));
            Assert.That(l2["condition"]!.GetValue<string>(), Is.EqualTo("like_new"));
        });
    }

    [TestCase("category=0193a000-0000-7000-8000-000000000100", new[] { "L6", "L4", "L3", "L2", "L1" })]
    [TestCase("category=0193a000-0000-7000-8000-000000000101", new[] { "L2", "L1" })]
    [TestCase("category=0193a000-0000-7000-8000-000000000200", new[] { "L8", "L5" })]
    [TestCase("category=0193a000-0000-7000-8000-000000000302", new string[0])]
    [TestCase("kind=sale", new[] { "L8", "L7", "L5", "L4", "L2", "L1" })]
    [TestCase("kind=trade", new[] { "L6" })]
    [TestCase("kind=sale_or_trade", new[] { "L3" })]
    [TestCase("condition=new", new[] { "L7", "L4" })]
    [TestCase("condition=for_parts", new[] { "L6" })]
    [TestCase("condition=like_new", new[] { "L8", "L2" })]
    [TestCase("min_price=120&max_price=399", new[] { "L8", "L7", "L4", "L2" })]
    [TestCase("min_price=79.90", new[] { "L8", "L7", "L5", "L4", "L3", "L2", "L1" })]
    [TestCase("max_price=79.90", new[] { "L5" })]
    [TestCase("min_price=0", new[] { "L8", "L7", "L5", "L4", "L3", "L2", "L1" })]
    [TestCase("currency=USD", new[] { "L5" })]
    [TestCase("currency=EUR", new[] { "L8", "L7", "L4", "L3", "L2", "L1" })]
    [TestCase("tag=vintage", new[] { "L6", "L3", "L1" })]
    [TestCase("tag=%20Vintage%20", new[] { "L6", "L3", "L1" })]
    [TestCase("tag=guitar", new[] { "L2", "L1" })]
    [TestCase("q=strat", new[] { "L1" })]
    [TestCase("q=BASS", new[] { "L3" })]
    [TestCase("q=synth", new[] { "L7", "L6" })]
    [TestCase("q=wavetable", new[] { "L7" })]
    [TestCase("q=100%25", new[] { "L7" })]
    [TestCase("q=%25", new[] { "L7" })]
    [TestCase("q=_", new string[0])]
    [TestCase("q=nothing%20like%20this", new string[0])]
    [TestCase("category=0193a000-0000-7000-8000-000000000100&kind=sale&sort=price_asc", new[] { "L2", "L4", "L1" })]
    [TestCase("tag=vintage&condition=fair&max_price=700", new[] { "L3" })]
    public async Task Each_filter_answers_exactly_the_listings_it_names(string query, string[] expected)
    {
        var body = await PageAsync(await GetAsync("/api/v1/listings?" + query));

        Assert.That(Names(body), Is.EqualTo(expected));
        Assert.That(body["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(expected.Length));
    }

    [Test]
    public async Task Filtering_by_seller_answers_their_active_listings()
    {
        var bob = await PageAsync(await GetAsync($"/api/v1/listings?user_id={_bob.UserId}"));
        var nova = await PageAsync(await GetAsync($"/api/v1/listings?user_id={_nova.UserId}&sort=price_desc"));
        var bobsPage = await PageAsync(await GetAsync($"/api/v1/users/{_bob.UserId}/listings", _nova.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That(Names(bob), Is.EqualTo(new[] { "L8", "L6", "L4", "L3" }));
            Assert.That(Names(nova), Is.EqualTo(new[] { "L1", "L2", "L7", "L5" }));
            Assert.That(Names(bobsPage), Is.EqualTo(new[] { "L8", "L6", "L4", "L3" }));
        });
    }

    [TestCase("price_asc", new[] { "L5", "L7", "L2", "L8", "L4", "L3", "L1", "L6" })]
    [TestCase("price_desc", new[] { "L1", "L3", "L4", "L8", "L2", "L7", "L5", "L6" })]
    [TestCase("new", new[] { "L8", "L7", "L6", "L5", "L4", "L3", "L2", "L1" })]
    public async Task Each_sort_answers_the_market_in_its_order_trades_last_by_price(string sort, string[] expected)
    {
        var body = await PageAsync(await GetAsync("/api/v1/listings?sort=" + sort));

        Assert.That(Names(body), Is.EqualTo(expected));
    }

    [Test]
    public async Task Ending_sorts_by_the_time_left_soonest_first()
    {
        foreach (var (name, days) in new[] { ("L3", 1), ("L7", 2), ("L1", 3), ("L8", 10) })
        {
            await SqlAsync($"UPDATE listings SET expires_at = now() + interval '{days} days' WHERE id = @id", ("id", _l[name]));
        }

        var body = await PageAsync(await GetAsync("/api/v1/listings?sort=ending"));

        Assert.That(Names(body), Is.EqualTo(new[] { "L3", "L7", "L1", "L8", "L2", "L4", "L5", "L6" }));
        Assert.That(body["data"]![0]!["expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow.AddDays(1)).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task Pages_split_the_sorted_market_and_say_where_they_are()
    {
        var first = await PageAsync(await GetAsync("/api/v1/listings?sort=price_asc&limit=3"));
        var second = await PageAsync(await GetAsync("/api/v1/listings?sort=price_asc&limit=3&page=2"));
        var last = await PageAsync(await GetAsync("/api/v1/listings?sort=price_asc&limit=3&page=3"));
        var beyond = await PageAsync(await GetAsync("/api/v1/listings?sort=price_asc&limit=3&page=4"));

        Assert.Multiple(() =>
        {
            Assert.That(Names(first), Is.EqualTo(new[] { "L5", "L7", "L2" }));
            Assert.That(Names(second), Is.EqualTo(new[] { "L8", "L4", "L3" }));
            Assert.That(Names(last), Is.EqualTo(new[] { "L1", "L6" }));
            Assert.That(Names(beyond), Is.Empty);
            Assert.That(second["pagination"]!.ToJsonString(), Is.EqualTo("""{"page":2,"limit":3,"total":8,"total_pages":3,"has_next":true,"has_prev":true}"""));
            Assert.That(first["pagination"]!["has_prev"]!.GetValue<bool>(), Is.False);
            Assert.That(last["pagination"]!["has_next"]!.GetValue<bool>(), Is.False);
        });
    }

    [TestCase("kind=rent", "kind")]
    [TestCase("condition=mint", "condition")]
    [TestCase("sort=cheapest", "sort")]
    [TestCase("currency=euro", "currency")]
    [TestCase("min_price=-1", "min_price")]
    [TestCase("min_price=100&max_price=50", "max_price")]
    [TestCase("category=0193a000-0000-7000-8000-000000000999", "category")]
    [TestCase("status=draft", "status")]
    [TestCase("status=archived", "status")]
    [TestCase("status=reserved", "status")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("page=0", "page")]
    public async Task A_bad_filter_is_400_on_its_field(string query, string field)
    {
        using var response = await GetAsync("/api/v1/listings?" + query);

        Assert.That(Fields(await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Does.Contain(field));
    }

    [Test]
    public async Task A_seller_sees_every_listing_of_theirs_and_others_only_the_ones_on_the_market_or_reserved_and_sold_when_asked()
    {
        await SqlAsync("UPDATE listings SET status = 'sold', expires_at = NULL WHERE id = @id", ("id", _l["L2"]));

        var own = await PageAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings", _nova.AccessToken));
        var ownDrafts = await PageAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings?status=draft", _nova.AccessToken));
        var ownViaSearch = await PageAsync(await GetAsync($"/api/v1/listings?user_id={_nova.UserId}&status=draft", _nova.AccessToken));
        var bobsOwn = await PageAsync(await GetAsync($"/api/v1/users/{_bob.UserId}/listings", _bob.AccessToken));
        var byOthers = await PageAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings", _bob.AccessToken));
        var anonymous = await PageAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings"));
        var sold = await PageAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings?status=sold"));
        var reserved = await PageAsync(await GetAsync($"/api/v1/listings?user_id={_nova.UserId}&status=reserved", _bob.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That(Names(own), Is.EquivalentTo(new[] { "L1", "L2", "Draft", "L5", "Reserved", "L7" }));
            Assert.That(Names(ownDrafts), Is.EqualTo(new[] { "Draft" }));
            Assert.That(Names(ownViaSearch), Is.EqualTo(new[] { "Draft" }));
            Assert.That(Names(bobsOwn), Is.EquivalentTo(new[] { "L3", "L4", "Hidden", "L6", "Archived", "L8" }), "hidden and archived ones included");
            Assert.That(Names(byOthers), Is.EqualTo(new[] { "L7", "L5", "L1" }));
            Assert.That(Names(anonymous), Is.EqualTo(new[] { "L7", "L5", "L1" }));
            Assert.That(Names(sold), Is.EqualTo(new[] { "L2" }));
            Assert.That(Names(reserved), Is.EqualTo(new[] { "Reserved" }));
        });
        foreach (var status in new[] { "draft", "archived" })
        {
            await AssertErrorAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings?status={status}", _bob.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            await AssertErrorAsync(await GetAsync($"/api/v1/users/{_nova.UserId}/listings?status={status}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            await AssertErrorAsync(await GetAsync($"/api/v1/listings?user_id={_nova.UserId}&status={status}", _bob.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }
    }

    private async Task Add(string name, Tokens seller, Dictionary<string, object?> body) => _l[name] = await CreateListingAsync(seller, body);

    private string[] Names(System.Text.Json.Nodes.JsonNode body)
    {
        var byId = _l.ToDictionary(p => p.Value, p => p.Key);
        return Ids(body).Select(id => byId.GetValueOrDefault(id, id.ToString())).ToArray();
    }
}
