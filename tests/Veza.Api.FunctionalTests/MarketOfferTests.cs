using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Veza.Application.Marketplace.EventHandlers;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Offers, the transactions they open and the ratings that follow, over HTTP against PostgreSQL: every route,
/// its refusals, the rows left behind, the realtime events, and two accepts racing on one listing.
/// </summary>
public class MarketOfferTests : MarketApiTestBase
{
    private const string ClosedReason = "A listing in this offer went to another accepted offer.";

    private Tokens _seller = null!;
    private Tokens _buyer = null!;
    private Tokens _other = null!;

    [SetUp]
    public async Task ThreeUsers()
    {
        _seller = await UserAsync("dj_nova");
        _buyer = await UserAsync("bass_bob");
        _other = await UserAsync("tape_loops");
    }

    [Test]
    public async Task Making_an_offer_answers_201_stores_it_with_its_first_move_and_hands_the_turn_to_the_seller()
    {
        var listing = await ListingAsync(_seller);

        using var response = await MakeOfferAsync(_buyer, listing, Terms("80.00", message: "Would you take 80?"));

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var data = body["data"]!;
        var id = Id(data);
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/offers/{id}"));
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That(data["turn"]!.GetValue<string>(), Is.EqualTo("seller"));
            Assert.That(data["amount"]!.GetValue<string>(), Is.EqualTo("80.00"));
            Assert.That(data["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
            Assert.That(data["listing"]!["id"]!.GetValue<Guid>(), Is.EqualTo(listing));
            Assert.That(data["buyer"]!["id"]!.GetValue<Guid>(), Is.EqualTo(_buyer.UserId));
            Assert.That(data["seller"]!["id"]!.GetValue<Guid>(), Is.EqualTo(_seller.UserId));
            Assert.That(data["transaction_id"], Is.Null);
            Assert.That(Strings(data["history"], "kind"), Is.EqualTo(new[] { "offer" }));
            Assert.That(data["history"]![0]!["by"]!.GetValue<string>(), Is.EqualTo("buyer"));
            Assert.That(data["history"]![0]!["message"]!.GetValue<string>(), Is.EqualTo("Would you take 80?"));
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT listing_id || '|' || buyer_id || '|' || seller_id || '|' || status || '|' || amount || '|' || currency || '|' || turn FROM offers WHERE id = @id", ("id", id)),
                Is.EqualTo($"{listing}|{_buyer.UserId}|{_seller.UserId}|pending|80.00|EUR|seller"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(sequence || ' ' || kind || ' ' || by_party || ' ' || amount, ',') FROM offer_moves WHERE offer_id = @id", ("id", id)),
                Is.EqualTo("1 offer buyer 80.00"));
            Assert.That(await Database.ScalarAsync<long>("SELECT extract(epoch FROM expires_at - created_at)::bigint FROM offers WHERE id = @id", ("id", id)),
                Is.EqualTo((long)TimeSpan.FromHours(72).TotalSeconds), "the default offer lifetime");
            Assert.That(await Database.ScalarAsync<long>(
                "SELECT count(*) FROM jobs j, offers o WHERE o.id = @id AND j.kind = 'marketplace.expire_offer' AND j.state = 'pending' AND abs(extract(epoch FROM j.run_after - o.expires_at)) < 1", ("id", id)),
                Is.EqualTo(1), "its expiry is scheduled for when it is due");
        });
    }

    [Test]
    public async Task The_amount_is_taken_as_a_string_or_a_number_and_more_than_two_decimals_is_400()
    {
        var listing = await ListingAsync(_seller);
        var third = await UserAsync("carla");

        var asString = await OfferAsync(_buyer, listing, "80.00");
        var asNumber = await OfferAsync(_other, listing, 79.5m);
        using var tooPrecise = await MakeOfferAsync(third, listing, Terms(80.125m));
        using var tooPreciseString = await MakeOfferAsync(third, listing, Terms("80.125"));

        Assert.That(Fields(await AssertErrorAsync(tooPrecise, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "amount" }));
        Assert.That(Fields(await AssertErrorAsync(tooPreciseString, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "amount" }));
        Assert.Multiple(async () =>
        {
            Assert.That(asString["amount"]!.GetValue<string>(), Is.EqualTo("80.00"));
            Assert.That(asNumber["amount"]!.GetValue<string>(), Is.EqualTo("79.50"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(amount::text, ',' ORDER BY amount) FROM offers"), Is.EqualTo("79.50,80.00"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offers WHERE buyer_id = @id", ("id", third.UserId)), Is.Zero);
        });
    }

    [Test]
    public async Task An_offer_on_ones_own_listing_or_between_users_who_blocked_one_another_is_403()
    {
        var listing = await ListingAsync(_seller);
        await OkAsync(await SendAsync(HttpMethod.Post, $"/api/v1/users/{_buyer.UserId}/block", null, _seller.AccessToken));
        await OkAsync(await SendAsync(HttpMethod.Post, $"/api/v1/users/{_seller.UserId}/block", null, _other.AccessToken));

        await AssertErrorAsync(await MakeOfferAsync(_seller, listing, Terms(80m)), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await MakeOfferAsync(_buyer, listing, Terms(80m)), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await MakeOfferAsync(_other, listing, Terms(80m)), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offers"), Is.Zero);

        await OkAsync(await DeleteAsync($"/api/v1/users/{_buyer.UserId}/block", null, _seller.AccessToken));
        await OfferAsync(_buyer, listing);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offers WHERE buyer_id = @id", ("id", _buyer.UserId)), Is.EqualTo(1), "the block was what refused it");
    }

    [Test]
    public async Task A_second_open_offer_by_the_same_buyer_on_a_listing_is_409_until_the_first_is_withdrawn()
    {
        var listing = await ListingAsync(_seller);
        var first = await OfferIdAsync(_buyer, listing);

        using var second = await MakeOfferAsync(_buyer, listing, Terms(85m));

        Assert.That(Fields(await AssertErrorAsync(second, HttpStatusCode.Conflict, "CONFLICT")), Is.EqualTo(new[] { "listing_id" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offers"), Is.EqualTo(1));
        await OkAsync(await MoveAsync(_buyer, first, "withdraw"));
        var again = await OfferAsync(_buyer, listing, 85m);
        Assert.That(again["amount"]!.GetValue<string>(), Is.EqualTo("85.00"));
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(status, ',' ORDER BY created_at) FROM offers"), Is.EqualTo("withdrawn,pending"));
    }

    [Test]
    public async Task A_draft_is_not_found_and_a_reserved_listing_takes_no_offer()
    {
        var draft = await ListingAsync(_seller, "Draft Telecaster", status: "draft");
        var reserved = await ListingAsync(_seller, "Reserved Les Paul");
        await AcceptAsync(_seller, await OfferIdAsync(_other, reserved));

        // A draft is off the market and only its seller sees it: for anyone else it does not exist (as GET /listings/{id} answers).
        await AssertErrorAsync(await MakeOfferAsync(_buyer, draft, Terms(80m)), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await InvalidStateAsync(await MakeOfferAsync(_buyer, reserved, Terms(80m))), Is.EqualTo("status=reserved"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offers WHERE buyer_id = @id", ("id", _buyer.UserId)), Is.Zero);
    }

    [Test]
    public async Task Terms_the_listing_does_not_take_are_422_and_terms_that_are_not_terms_are_400()
    {
        var sale = await ListingAsync(_seller, "Sale only Stratocaster");
        var trade = await ListingAsync(_seller, "Trade only Jazzmaster", kind: "trade", price: null);
        var mine = await ListingAsync(_buyer, "Boss DS-1 pedal", price: 50m);
        var theirs = await ListingAsync(_other, "Someone else's amp", price: 200m);

        await AssertErrorAsync(await MakeOfferAsync(_buyer, trade, Terms(null, offered: [theirs])), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await MakeOfferAsync(_buyer, sale, Terms(80m, offered: [mine])), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await MakeOfferAsync(_buyer, sale, Terms(null, offered: [mine])), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await MakeOfferAsync(_buyer, sale, Terms(80m, "USD")), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await MakeOfferAsync(_buyer, trade, Terms(80m)), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(Fields(await AssertErrorAsync(await MakeOfferAsync(_buyer, sale, Terms(null, message: "Interested!")), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
            Is.EqualTo(new[] { "amount" }));
        Assert.That(Fields(await AssertErrorAsync(await MakeOfferAsync(_buyer, sale, Terms(80m, "eur")), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
            Is.EqualTo(new[] { "currency" }));
        Assert.That(Fields(await AssertErrorAsync(await MakeOfferAsync(_buyer, sale, new { amount = 80m, currency = "EUR", status = "accepted" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
            Is.EqualTo(new[] { "status" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offers"), Is.Zero);
    }

    [Test]
    public async Task Counters_alternate_between_the_parties_each_adding_to_the_history_and_a_move_out_of_turn_is_422()
    {
        var listing = await ListingAsync(_seller);
        var offer = await OfferIdAsync(_buyer, listing, 80m);

        var bySeller = (await OkAsync(await CounterAsync(_seller, offer, Terms("95.00", message: "95 and it is yours."))))["data"]!;
        var sellerAgain = await InvalidStateAsync(await CounterAsync(_seller, offer, Terms(93m)));
        var byBuyer = (await OkAsync(await CounterAsync(_buyer, offer, Terms(90m))))["data"]!;
        var buyerAgain = await InvalidStateAsync(await CounterAsync(_buyer, offer, Terms(88m)));
        var buyerAccepts = await InvalidStateAsync(await MoveAsync(_buyer, offer, "accept"));
        var buyerRejects = await InvalidStateAsync(await MoveAsync(_buyer, offer, "reject"));
        await AssertErrorAsync(await CounterAsync(_other, offer, Terms(99m)), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Multiple(async () =>
        {
            Assert.That(bySeller["status"]!.GetValue<string>(), Is.EqualTo("countered"));
            Assert.That(bySeller["turn"]!.GetValue<string>(), Is.EqualTo("buyer"));
            Assert.That(bySeller["amount"]!.GetValue<string>(), Is.EqualTo("95.00"));
            Assert.That(Strings(bySeller["history"], "kind"), Is.EqualTo(new[] { "offer", "counter" }));
            Assert.That(sellerAgain, Is.EqualTo("turn=buyer"));
            Assert.That(byBuyer["status"]!.GetValue<string>(), Is.EqualTo("countered"));
            Assert.That(byBuyer["turn"]!.GetValue<string>(), Is.EqualTo("seller"));
            Assert.That(Strings(byBuyer["history"], "by"), Is.EqualTo(new[] { "buyer", "seller", "buyer" }));
            Assert.That(Strings(byBuyer["history"], "amount"), Is.EqualTo(new[] { "80.00", "95.00", "90.00" }));
            Assert.That(byBuyer["history"]![1]!["message"]!.GetValue<string>(), Is.EqualTo("95 and it is yours."));
            Assert.That(new[] { buyerAgain, buyerAccepts, buyerRejects }, Is.All.EqualTo("turn=seller"));
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || amount || '|' || turn FROM offers WHERE id = @id", ("id", offer)), Is.EqualTo("countered|90.00|seller"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(kind || ' ' || by_party || ' ' || amount, ',' ORDER BY sequence) FROM offer_moves WHERE offer_id = @id", ("id", offer)),
                Is.EqualTo("offer buyer 80.00,counter seller 95.00,counter buyer 90.00"), "refused moves leave no trace");
        });
    }

    [Test]
    public async Task Accepting_reserves_the_listing_opens_a_transaction_and_rejects_the_other_open_offers_on_it()
    {
        var listing = await ListingAsync(_seller);
        var elsewhere = await ListingAsync(_seller, "Another Stratocaster");
        var offer = await OfferIdAsync(_buyer, listing, 80m);
        var rival = await OfferIdAsync(_other, listing, 70m);
        var unrelated = await OfferIdAsync(_other, elsewhere, 60m);

        var accepted = (await OkAsync(await MoveAsync(_seller, offer, "accept")))["data"]!;
        var transaction = accepted["transaction_id"]!.GetValue<Guid>();
        var twice = await InvalidStateAsync(await MoveAsync(_seller, offer, "accept"));
        var rivalAccepted = await InvalidStateAsync(await MoveAsync(_seller, rival, "accept"));
        var rivalView = (await OkAsync(await GetAsync($"/api/v1/offers/{rival}", _other.AccessToken)))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(accepted["status"]!.GetValue<string>(), Is.EqualTo("accepted"));
            Assert.That(accepted["turn"], Is.Null, "final");
            Assert.That(accepted["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("reserved"));
            Assert.That(Strings(accepted["history"], "kind"), Is.EqualTo(new[] { "offer", "accept" }));
            Assert.That(accepted["history"]![1]!["by"]!.GetValue<string>(), Is.EqualTo("seller"));
            Assert.That(twice, Is.EqualTo("status=accepted"));
            Assert.That(rivalAccepted, Is.EqualTo("status=rejected"), "the listing went to the other offer");
            Assert.That(rivalView["status"]!.GetValue<string>(), Is.EqualTo("rejected"));
            Assert.That(rivalView["closed_reason"]!.GetValue<string>(), Is.EqualTo(ClosedReason));
            Assert.That(Strings(rivalView["history"], "kind"), Is.EqualTo(new[] { "offer", "reject" }));
            Assert.That(rivalView["history"]![1]!["by"], Is.Null, "the platform closed it");
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("reserved"));
            Assert.That(await ListingStatusAsync(elsewhere), Is.EqualTo("active"));
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT offer_id || '|' || listing_id || '|' || buyer_id || '|' || seller_id || '|' || amount || '|' || currency || '|' || status FROM market_transactions WHERE id = @id", ("id", transaction)),
                Is.EqualTo($"{offer}|{listing}|{_buyer.UserId}|{_seller.UserId}|80.00|EUR|open"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM market_transactions"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT transaction_id FROM offers WHERE id = @id", ("id", offer)), Is.EqualTo(transaction));
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || closed_reason FROM offers WHERE id = @id", ("id", rival)), Is.EqualTo($"rejected|{ClosedReason}"));
            Assert.That(await OfferStatusAsync(unrelated), Is.EqualTo("pending"), "an offer on another listing stays open");
        });
    }

    [Test]
    public async Task Accepting_an_offer_whose_listing_is_no_longer_available_is_422_naming_the_listing_and_changes_nothing()
    {
        var listing = await ListingAsync(_seller);
        var offer = await OfferIdAsync(_buyer, listing);
        Assert.That(await Database.ScalarAsync<long>("WITH x AS (UPDATE listings SET status = 'reserved' WHERE id = @id RETURNING 1) SELECT count(*) FROM x", ("id", listing)), Is.EqualTo(1));

        Assert.That(await InvalidStateAsync(await MoveAsync(_seller, offer, "accept")), Is.EqualTo("listing=reserved"));
        Assert.That(await OfferStatusAsync(offer), Is.EqualTo("pending"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM market_transactions"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM offer_moves WHERE offer_id = @id", ("id", offer)), Is.EqualTo(1));
    }

    [Test]
    public async Task Rejecting_ends_the_negotiation_with_or_without_a_message_and_leaves_the_listing_on_the_market()
    {
        var listing = await ListingAsync(_seller);
        var offer = await OfferIdAsync(_buyer, listing);
        var second = await OfferIdAsync(_other, listing);

        using var extra = await PostAsync($"/api/v1/offers/{offer}/reject", new { message = "No.", reason = "price" }, _seller.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(extra, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "reason" }));
        await AssertErrorAsync(await PostAsync($"/api/v1/offers/{offer}/reject", new { message = "No." }, _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var rejected = (await OkAsync(await PostAsync($"/api/v1/offers/{offer}/reject", new { message = "Sorry, sold elsewhere." }, _seller.AccessToken)))["data"]!;
        var bare = (await OkAsync(await MoveAsync(_seller, second, "reject")))["data"]!;
        var afterwards = await InvalidStateAsync(await CounterAsync(_buyer, offer, Terms(90m)));
        var again = await OfferAsync(_buyer, listing, 90m);

        Assert.Multiple(async () =>
        {
            Assert.That(rejected["status"]!.GetValue<string>(), Is.EqualTo("rejected"));
            Assert.That(rejected["turn"], Is.Null);
            Assert.That(rejected["closed_reason"], Is.Null, "a party's answer, not the platform's");
            Assert.That(Strings(rejected["history"], "kind"), Is.EqualTo(new[] { "offer", "reject" }));
            Assert.That(rejected["history"]![1]!["by"]!.GetValue<string>(), Is.EqualTo("seller"));
            Assert.That(rejected["history"]![1]!["message"]!.GetValue<string>(), Is.EqualTo("Sorry, sold elsewhere."));
            Assert.That(bare["status"]!.GetValue<string>(), Is.EqualTo("rejected"));
            Assert.That(afterwards, Is.EqualTo("status=rejected"));
            Assert.That(again["status"]!.GetValue<string>(), Is.EqualTo("pending"), "a rejected buyer may try again");
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("active"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(status, ',' ORDER BY created_at) FROM offers"), Is.EqualTo("rejected,rejected,pending"));
        });
    }

    [Test]
    public async Task Withdrawing_is_for_the_buyer_whoever_has_the_turn_and_the_seller_gets_422()
    {
        var listing = await ListingAsync(_seller);
        var offer = await OfferIdAsync(_buyer, listing, 80m);
        await OkAsync(await CounterAsync(_seller, offer, Terms(95m)));

        var bySeller = await InvalidStateAsync(await MoveAsync(_seller, offer, "withdraw"));
        await AssertErrorAsync(await MoveAsync(_other, offer, "withdraw"), HttpStatusCode.NotFound, "NOT_FOUND");
        var withdrawn = (await OkAsync(await MoveAsync(_buyer, offer, "withdraw")))["data"]!;
        var twice = await InvalidStateAsync(await MoveAsync(_buyer, offer, "withdraw"));
        var acceptedAfterwards = await InvalidStateAsync(await MoveAsync(_buyer, offer, "accept"));

        Assert.Multiple(async () =>
        {
            Assert.That(bySeller, Is.EqualTo("status=countered"));
            Assert.That(withdrawn["status"]!.GetValue<string>(), Is.EqualTo("withdrawn"));
            Assert.That(Strings(withdrawn["history"], "kind"), Is.EqualTo(new[] { "offer", "counter", "withdraw" }));
            Assert.That(withdrawn["history"]![2]!["by"]!.GetValue<string>(), Is.EqualTo("buyer"));
            Assert.That(twice, Is.EqualTo("status=withdrawn"));
            Assert.That(acceptedAfterwards, Is.EqualTo("status=withdrawn"));
            Assert.That(await OfferStatusAsync(offer), Is.EqualTo("withdrawn"));
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task Listing_offers_filters_by_role_and_status_most_recently_moved_first()
    {
        var first = await ListingAsync(_seller, "First Stratocaster");
        var second = await ListingAsync(_seller, "Second Stratocaster");
        var theirs = await ListingAsync(_buyer, "Boss DS-1 pedal", price: 50m);
        var pending = await OfferIdAsync(_buyer, first);
        var withdrawn = await OfferIdAsync(_buyer, second);
        var asSeller = await OfferIdAsync(_seller, theirs, 40m);
        await OkAsync(await MoveAsync(_buyer, withdrawn, "withdraw"));

        var all = await OkAsync(await GetAsync("/api/v1/offers", _buyer.AccessToken));
        var paged = await OkAsync(await GetAsync("/api/v1/offers?limit=1&page=2", _buyer.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(all), Is.EqualTo(new[] { withdrawn, asSeller, pending }));
            Assert.That(all["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(all["data"]![0]!["turn"], Is.Null, "withdrawn is final");
            Assert.That(all["data"]![2]!["turn"]!.GetValue<string>(), Is.EqualTo("seller"));
            Assert.That(Ids(paged), Is.EqualTo(new[] { asSeller }));
            Assert.That(await ListAsync("role=buyer", _buyer), Is.EqualTo(new[] { withdrawn, pending }));
            Assert.That(await ListAsync("role=seller", _buyer), Is.EqualTo(new[] { asSeller }));
            Assert.That(await ListAsync("role=buyer&status=pending", _buyer), Is.EqualTo(new[] { pending }));
            Assert.That(await ListAsync("role=seller&status=withdrawn", _seller), Is.EqualTo(new[] { withdrawn }));
            Assert.That(await ListAsync("role=buyer", _seller), Is.EqualTo(new[] { asSeller }));
            Assert.That(await ListAsync("status=accepted", _buyer), Is.Empty);
            Assert.That(await ListAsync("", _other), Is.Empty);
        });
        Assert.That(Fields(await AssertErrorAsync(await GetAsync("/api/v1/offers?role=admin&status=open", _buyer.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
            Is.EquivalentTo(new[] { "role", "status" }));
        await AssertErrorAsync(await GetAsync("/api/v1/offers"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Test]
    public async Task An_offer_and_its_history_are_for_its_parties_and_admins_and_not_found_for_anyone_else()
    {
        var admin = await AdminAsync();
        var listing = await ListingAsync(_seller);
        var offer = await OfferIdAsync(_buyer, listing, 80m);
        await OkAsync(await CounterAsync(_seller, offer, Terms(95m, message: "95?")));

        var asBuyer = (await OkAsync(await GetAsync($"/api/v1/offers/{offer}", _buyer.AccessToken)))["data"]!;
        var asSeller = (await OkAsync(await GetAsync($"/api/v1/offers/{offer}", _seller.AccessToken)))["data"]!;
        var asAdmin = (await OkAsync(await GetAsync($"/api/v1/offers/{offer}", admin.AccessToken)))["data"]!;
        await AssertErrorAsync(await GetAsync($"/api/v1/offers/{offer}", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/offers/{Guid.NewGuid()}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/offers/{offer}"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        Assert.Multiple(() =>
        {
            Assert.That(asBuyer["history"]!.AsArray().Select(m => m!["sequence"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(Strings(asBuyer["history"], "kind"), Is.EqualTo(new[] { "offer", "counter" }));
            Assert.That(Strings(asBuyer["history"], "by"), Is.EqualTo(new[] { "buyer", "seller" }));
            Assert.That(Strings(asBuyer["history"], "amount"), Is.EqualTo(new[] { "80.00", "95.00" }));
            Assert.That(asBuyer["history"]![1]!["message"]!.GetValue<string>(), Is.EqualTo("95?"));
            Assert.That(asBuyer["turn"]!.GetValue<string>(), Is.EqualTo("buyer"));
            Assert.That(asBuyer["buyer"]!["username"]!.GetValue<string>(), Is.EqualTo("bass_bob"));
            Assert.That(asBuyer["seller"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(asSeller.ToJsonString(), Is.EqualTo(asBuyer.ToJsonString()));
            Assert.That(asAdmin.ToJsonString(), Is.EqualTo(asBuyer.ToJsonString()));
        });
    }

    [Test]
    public async Task A_barter_reserves_both_listings_closes_offers_on_the_bartered_one_and_receiving_sells_both()
    {
        var trade = await ListingAsync(_seller, "Gibson SG for trade", kind: "trade", price: null);
        var pedal = await ListingAsync(_buyer, "Boss DS-1 pedal", price: 50m);
        var amp = await ListingAsync(_buyer, "Orange amp", price: 300m);
        var rivalOnPedal = await OfferIdAsync(_other, pedal, 45m);

        var offer = await OfferAsync(_buyer, trade, offered: [pedal], message: "My pedal for your SG?");
        var transaction = await AcceptAsync(_seller, Id(offer));
        var open = (await OkAsync(await GetAsync($"/api/v1/transactions/{transaction}", _seller.AccessToken)))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(offer["offered_listing_ids"]!.AsArray().Select(n => n!.GetValue<Guid>()), Is.EqualTo(new[] { pedal }));
            Assert.That(offer["amount"], Is.Null);
            Assert.That(open["bartered_listing_ids"]!.AsArray().Select(n => n!.GetValue<Guid>()), Is.EqualTo(new[] { pedal }));
            Assert.That(open["amount"], Is.Null);
            Assert.That(await ListingStatusAsync(trade), Is.EqualTo("reserved"));
            Assert.That(await ListingStatusAsync(pedal), Is.EqualTo("reserved"));
            Assert.That(await ListingStatusAsync(amp), Is.EqualTo("active"));
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || closed_reason FROM offers WHERE id = @id", ("id", rivalOnPedal)), Is.EqualTo($"rejected|{ClosedReason}"),
                "the pedal went in the barter");
        });

        var received = (await OkAsync(await StepAsync(_buyer, transaction, "received")))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(received["status"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(await ListingStatusAsync(trade), Is.EqualTo("sold"));
            Assert.That(await ListingStatusAsync(pedal), Is.EqualTo("sold"));
            Assert.That(await ListingStatusAsync(amp), Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task Two_accepts_racing_on_one_listing_let_exactly_one_through_and_the_other_gets_409()
    {
        var listing = await ListingAsync(_seller);
        var first = await OfferIdAsync(_buyer, listing, 80m);
        var second = await OfferIdAsync(_other, listing, 85m);
        using var secondClient = Factory.CreateClient();

        // The test holds the listing's row lock: both accepts read the same state and wait at their write, so they
        // surely overlap; once both wait (or one gave up already), the lock goes and they race to commit.
        HttpResponseMessage[] responses;
        await using (var gate = new NpgsqlConnection(Database.ConnectionString))
        {
            await gate.OpenAsync();
            await using var hold = await gate.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM listings WHERE id = @id FOR UPDATE", gate, hold))
            {
                lockRow.Parameters.AddWithValue("id", listing);
                await lockRow.ExecuteScalarAsync();
            }

            var accepts = new[] { AcceptOnAsync(Client, first), AcceptOnAsync(secondClient, second) };
            var overlapped = await Eventually.TrueAsync(async () => accepts.Any(a => a.IsCompleted) || await Database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") >= 2);
            await hold.CommitAsync();
            responses = await Task.WhenAll(accepts);
            Assert.That(overlapped, Is.True, "both accepts reached the database");
        }

        var winner = responses[0].StatusCode == HttpStatusCode.OK ? first : second;
        var loser = winner == first ? second : first;
        Assert.That(responses.Select(r => (int)r.StatusCode).Order(), Is.EqualTo(new[] { 200, 409 }));
        await AssertErrorAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "CONFLICT");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM market_transactions"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT offer_id FROM market_transactions"), Is.EqualTo(winner));
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("reserved"));
            Assert.That(await OfferStatusAsync(winner), Is.EqualTo("accepted"));
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || closed_reason FROM offers WHERE id = @id", ("id", loser)), Is.EqualTo($"rejected|{ClosedReason}"));
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }

        async Task<HttpResponseMessage> AcceptOnAsync(HttpClient client, Guid offer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/offers/{offer}/accept");
            request.Headers.Authorization = new("Bearer", _seller.AccessToken);
            return await client.SendAsync(request);
        }
    }

    [Test]
    public async Task The_seller_ships_and_the_buyer_receives_which_completes_the_transaction_and_sells_the_listing()
    {
        var listing = await ListingAsync(_seller);
        var transaction = await AcceptAsync(_seller, await OfferIdAsync(_buyer, listing, 80m));

        await AssertErrorAsync(await StepAsync(_buyer, transaction, "shipped"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await StepAsync(_seller, transaction, "received"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await StepAsync(_other, transaction, "shipped"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await StepAsync(_other, transaction, "received"), HttpStatusCode.NotFound, "NOT_FOUND");
        var shipped = (await OkAsync(await StepAsync(_seller, transaction, "shipped")))["data"]!;
        var shippedTwice = await InvalidStateAsync(await StepAsync(_seller, transaction, "shipped"));
        Assert.That(await ListingStatusAsync(listing), Is.EqualTo("reserved"), "shipped is not received yet");
        var received = (await OkAsync(await StepAsync(_buyer, transaction, "received")))["data"]!;
        var receivedTwice = await InvalidStateAsync(await StepAsync(_buyer, transaction, "received"));
        var shippedAfterwards = await InvalidStateAsync(await StepAsync(_seller, transaction, "shipped"));
        var shown = (await OkAsync(await GetAsync($"/api/v1/listings/{listing}")))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(shipped["status"]!.GetValue<string>(), Is.EqualTo("shipped"));
            Assert.That(shipped["shipped_at"], Is.Not.Null);
            Assert.That(shipped["completed_at"], Is.Null);
            Assert.That(shippedTwice, Is.EqualTo("status=shipped"));
            Assert.That(received["status"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(received["completed_at"], Is.Not.Null);
            Assert.That(received["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("sold"));
            Assert.That(receivedTwice, Is.EqualTo("status=completed"));
            Assert.That(shippedAfterwards, Is.EqualTo("status=completed"));
            Assert.That(shown["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("sold"));
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("sold"));
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT status || '|' || (shipped_at IS NOT NULL) || '|' || (completed_at IS NOT NULL) || '|' || (cancelled_at IS NULL) FROM market_transactions WHERE id = @id", ("id", transaction)),
                Is.EqualTo("completed|true|true|true"));
        });
    }

    [Test]
    public async Task Cancelling_takes_both_parties_and_then_puts_every_listing_of_the_deal_back_on_the_market()
    {
        var listing = await ListingAsync(_seller, "Stratocaster, sale or trade", kind: "sale_or_trade");
        var pedal = await ListingAsync(_buyer, "Boss DS-1 pedal", price: 50m);
        var offer = await OfferAsync(_buyer, listing, 20m, offered: [pedal]);
        var transaction = await AcceptAsync(_seller, Id(offer));

        var asked = (await OkAsync(await StepAsync(_buyer, transaction, "cancel")))["data"]!;
        var askedAgain = (await OkAsync(await StepAsync(_buyer, transaction, "cancel")))["data"]!;
        await AssertErrorAsync(await StepAsync(_other, transaction, "cancel"), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Multiple(async () =>
        {
            Assert.That(asked["status"]!.GetValue<string>(), Is.EqualTo("open"));
            Assert.That(asked["buyer_cancel_requested_at"], Is.Not.Null);
            Assert.That(asked["seller_cancel_requested_at"], Is.Null);
            Assert.That(asked["cancelled_at"], Is.Null);
            Assert.That(askedAgain["status"]!.GetValue<string>(), Is.EqualTo("open"));
            Assert.That(askedAgain["buyer_cancel_requested_at"]!.GetValue<string>(), Is.EqualTo(asked["buyer_cancel_requested_at"]!.GetValue<string>()), "asking twice changes nothing");
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("reserved"));
            Assert.That(await ListingStatusAsync(pedal), Is.EqualTo("reserved"));
        });

        var cancelled = (await OkAsync(await StepAsync(_seller, transaction, "cancel")))["data"]!;

        Assert.Multiple(async () =>
        {
            Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(cancelled["seller_cancel_requested_at"], Is.Not.Null);
            Assert.That(cancelled["cancelled_at"], Is.Not.Null);
            Assert.That(await Database.ScalarAsync<string>("SELECT status FROM market_transactions WHERE id = @id", ("id", transaction)), Is.EqualTo("cancelled"));
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("active"));
            Assert.That(await ListingStatusAsync(pedal), Is.EqualTo("active"));
            Assert.That(await InvalidStateAsync(await StepAsync(_buyer, transaction, "cancel")), Is.EqualTo("status=cancelled"));
            Assert.That(await InvalidStateAsync(await StepAsync(_seller, transaction, "shipped")), Is.EqualTo("status=cancelled"));
            Assert.That(await InvalidStateAsync(await StepAsync(_buyer, transaction, "received")), Is.EqualTo("status=cancelled"));
            Assert.That(await InvalidStateAsync(await RateAsync(_buyer, transaction, new { score = 1 })), Is.EqualTo("status=cancelled"));
        });
        Assert.That((await OfferAsync(_other, listing, 90m))["status"]!.GetValue<string>(), Is.EqualTo("pending"), "back on the market, it takes offers again");
    }

    [Test]
    public async Task A_completed_transaction_cannot_be_cancelled()
    {
        var transaction = await CompletedTransactionAsync(_seller, _buyer);

        Assert.That(await InvalidStateAsync(await StepAsync(_buyer, transaction, "cancel")), Is.EqualTo("status=completed"));
        Assert.That(await InvalidStateAsync(await StepAsync(_seller, transaction, "cancel")), Is.EqualTo("status=completed"));
        Assert.That(await Database.ScalarAsync<string>(
            "SELECT status || '|' || (buyer_cancel_requested_at IS NULL) || '|' || (seller_cancel_requested_at IS NULL) FROM market_transactions WHERE id = @id", ("id", transaction)),
            Is.EqualTo("completed|true|true"));
    }

    [Test]
    public async Task Transactions_are_listed_newest_first_for_their_parties_and_opened_by_parties_and_admins_only()
    {
        var admin = await AdminAsync();
        var older = await CompletedTransactionAsync(_seller, _buyer, "First Stratocaster");
        var newer = await AcceptAsync(_buyer, await OfferIdAsync(_seller, await ListingAsync(_buyer, "Boss DS-1 pedal", price: 50m), 45m));

        var buyerList = await OkAsync(await GetAsync("/api/v1/transactions", _buyer.AccessToken));
        var sellerList = await OkAsync(await GetAsync("/api/v1/transactions", _seller.AccessToken));
        var strangerList = await OkAsync(await GetAsync("/api/v1/transactions", _other.AccessToken));
        var opened = (await OkAsync(await GetAsync($"/api/v1/transactions/{older}", _buyer.AccessToken)))["data"]!;
        var bySeller = (await OkAsync(await GetAsync($"/api/v1/transactions/{older}", _seller.AccessToken)))["data"]!;
        var byAdmin = (await OkAsync(await GetAsync($"/api/v1/transactions/{older}", admin.AccessToken)))["data"]!;
        await AssertErrorAsync(await GetAsync($"/api/v1/transactions/{older}", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/transactions/{Guid.NewGuid()}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync("/api/v1/transactions"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(buyerList), Is.EqualTo(new[] { newer, older }));
            Assert.That(Ids(sellerList), Is.EqualTo(new[] { newer, older }));
            Assert.That(buyerList["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(Ids(strangerList), Is.Empty);
            Assert.That(opened["listing"]!["title"]!.GetValue<string>(), Is.EqualTo("First Stratocaster"));
            Assert.That(opened["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("sold"));
            Assert.That(opened["buyer"]!["username"]!.GetValue<string>(), Is.EqualTo("bass_bob"));
            Assert.That(opened["seller"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(opened["amount"]!.GetValue<string>(), Is.EqualTo("80.00"));
            Assert.That(opened["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
            Assert.That(opened["status"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(opened["ratings"]!.AsArray(), Is.Empty);
            Assert.That(bySeller.ToJsonString(), Is.EqualTo(opened.ToJsonString()));
            Assert.That(byAdmin.ToJsonString(), Is.EqualTo(opened.ToJsonString()));
            Assert.That(buyerList["data"]![0]!["seller"]!["username"]!.GetValue<string>(), Is.EqualTo("bass_bob"), "in the newer one the buyer sold");
        });
    }

    [Test]
    public async Task Each_party_rates_the_other_once_after_completion_with_a_score_from_1_to_5()
    {
        var listing = await ListingAsync(_seller);
        var transaction = await AcceptAsync(_seller, await OfferIdAsync(_buyer, listing));

        var early = await InvalidStateAsync(await RateAsync(_buyer, transaction, new { score = 5 }));
        await OkAsync(await StepAsync(_buyer, transaction, "received"));
        var six = await AssertErrorAsync(await RateAsync(_buyer, transaction, new { score = 6 }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var none = await AssertErrorAsync(await RateAsync(_buyer, transaction, new { comment = "Great." }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var longComment = await AssertErrorAsync(await RateAsync(_buyer, transaction, new { score = 5, comment = new string('c', 1001) }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await RateAsync(_other, transaction, new { score = 1 }), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM ratings"), Is.Zero);

        using var rated = await RateAsync(_buyer, transaction, new { score = 4, comment = "Well packed, quick to ship." });
        var ratedBody = await BodyAsync(rated);
        Assert.That(rated.StatusCode, Is.EqualTo(HttpStatusCode.Created), ratedBody.ToJsonString());
        var twice = await AssertErrorAsync(await RateAsync(_buyer, transaction, new { score = 1 }), HttpStatusCode.Conflict, "CONFLICT");
        using var back = await RateAsync(_seller, transaction, new { score = 5 });
        var backBody = await BodyAsync(back);
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Created), backBody.ToJsonString());

        var rating = ratedBody["data"]!["ratings"]!.AsArray().Single()!;
        Assert.Multiple(async () =>
        {
            Assert.That(early, Is.EqualTo("status=open"));
            Assert.That(Fields(six), Is.EqualTo(new[] { "score" }));
            Assert.That(Fields(none), Is.EqualTo(new[] { "score" }));
            Assert.That(Fields(longComment), Is.EqualTo(new[] { "comment" }));
            Assert.That(rated.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/transactions/{transaction}"));
            Assert.That(rating["rater"]!["id"]!.GetValue<Guid>(), Is.EqualTo(_buyer.UserId));
            Assert.That(rating["score"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(rating["comment"]!.GetValue<string>(), Is.EqualTo("Well packed, quick to ship."));
            Assert.That(Fields(twice), Is.EqualTo(new[] { "score" }));
            Assert.That(backBody["data"]!["ratings"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(rater_id || '>' || ratee_id || ':' || score, ',' ORDER BY score) FROM ratings"),
                Is.EqualTo($"{_buyer.UserId}>{_seller.UserId}:4,{_seller.UserId}>{_buyer.UserId}:5"));
        });
    }

    [Test]
    public async Task Ratings_sum_up_on_the_users_ratings_their_profile_and_their_listings()
    {
        var carla = await UserAsync("carla");
        var scores = new[] { (_buyer, 5), (_other, 4), (carla, 4) };
        for (var i = 0; i < scores.Length; i++)
        {
            var (buyer, score) = scores[i];
            var transaction = await CompletedTransactionAsync(_seller, buyer, $"Guitar number {i}");
            using var rated = await RateAsync(buyer, transaction, new { score });
            Assert.That(rated.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rated.Content.ReadAsStringAsync());
        }

        var listing = await ListingAsync(_seller, "Still on the market");

        var ratings = (await OkAsync(await GetAsync($"/api/v1/users/{_seller.UserId}/ratings")))["data"]!;
        var none = (await OkAsync(await GetAsync($"/api/v1/users/{_buyer.UserId}/ratings")))["data"]!;
        var profile = (await OkAsync(await GetAsync($"/api/v1/users/{_seller.UserId}", _buyer.AccessToken)))["data"]!;
        var unrated = (await OkAsync(await GetAsync($"/api/v1/users/{_buyer.UserId}", _seller.AccessToken)))["data"]!;
        var shown = (await OkAsync(await GetAsync($"/api/v1/listings/{listing}")))["data"]!;
        await AssertErrorAsync(await GetAsync($"/api/v1/users/{Guid.NewGuid()}/ratings"), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Multiple(() =>
        {
            Assert.That(ratings["summary"]!["average"]!.GetValue<double>(), Is.EqualTo(4.33));
            Assert.That(ratings["summary"]!["count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(ratings["ratings"]!["items"]!.AsArray().Select(r => r!["score"]!.GetValue<int>()), Is.EqualTo(new[] { 4, 4, 5 }), "newest first");
            Assert.That(ratings["ratings"]!["items"]!.AsArray().Select(r => r!["rater"]!["username"]!.GetValue<string>()), Is.EqualTo(new[] { "carla", "tape_loops", "bass_bob" }));
            Assert.That(none["summary"]!["average"], Is.Null);
            Assert.That(none["summary"]!["count"]!.GetValue<int>(), Is.Zero);
            Assert.That(profile["rating"]!["average"]!.GetValue<double>(), Is.EqualTo(4.33));
            Assert.That(profile["rating"]!["count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(unrated["rating"]!["average"], Is.Null);
            Assert.That(unrated["rating"]!["count"]!.GetValue<int>(), Is.Zero);
            Assert.That(shown["listing"]!["seller"]!["id"]!.GetValue<Guid>(), Is.EqualTo(_seller.UserId));
            Assert.That(shown["listing"]!["seller"]!["rating"]!["average"]!.GetValue<double>(), Is.EqualTo(4.33));
            Assert.That(shown["listing"]!["seller"]!["rating"]!["count"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Both_parties_hear_of_every_move_and_the_buyer_of_an_offer_closed_by_the_platform_hears_of_it_too()
    {
        using var events = new CapturedRealtimeEvents(Factory.Services);
        var listing = await ListingAsync(_seller);
        var offer = await OfferIdAsync(_buyer, listing);
        var rival = await OfferIdAsync(_other, listing);
        await OkAsync(await CounterAsync(_seller, offer, Terms(95m)));
        var transaction = await AcceptAsync(_buyer, offer);

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(
            Heard(events, _seller.UserId, offer).Length >= 3 && Heard(events, _other.UserId, rival).Length >= 2 && events.OfType(MarketEvents.TransactionUpdated).Count >= 2)), Is.True,
            string.Join(", ", Heard(events, _seller.UserId, offer)));
        string[] moves = ["offer by buyer: pending", "counter by seller: countered", "accept by buyer: accepted"];
        Assert.Multiple(() =>
        {
            Assert.That(Heard(events, _buyer.UserId, offer), Is.EqualTo(moves));
            Assert.That(Heard(events, _seller.UserId, offer), Is.EqualTo(moves));
            Assert.That(Heard(events, _other.UserId, offer), Is.Empty, "not a party");
            Assert.That(Heard(events, _other.UserId, rival), Is.EqualTo(new[] { "offer by buyer: pending", "reject by platform: rejected" }));
            Assert.That(Heard(events, _seller.UserId, rival), Is.EqualTo(new[] { "offer by buyer: pending", "reject by platform: rejected" }));
            Assert.That(events.OfType(MarketEvents.TransactionUpdated).Where(n => ((TransactionUpdatedSignal)n.Payload).TransactionId == transaction).Select(n => n.UserId),
                Is.EquivalentTo(new[] { _buyer.UserId, _seller.UserId }));
        });
    }

    private static string[] Heard(CapturedRealtimeEvents events, Guid userId, Guid offerId) =>
        [.. events.OfType(MarketEvents.OfferUpdated)
            .Where(n => n.UserId == userId)
            .Select(n => (OfferUpdatedSignal)n.Payload)
            .Where(s => s.OfferId == offerId)
            .Select(s => $"{s.Move} by {s.By ?? "platform"}: {s.Status}")];

    private async Task<Guid[]> ListAsync(string query, Tokens who) => Ids(await OkAsync(await GetAsync($"/api/v1/offers?{query}", who.AccessToken)));

    private static Guid[] Ids(JsonNode page) => [.. page["data"]!.AsArray().Select(o => o!["id"]!.GetValue<Guid>())];
}
