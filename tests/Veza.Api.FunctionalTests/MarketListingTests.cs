using System.Net;
using System.Text.Json.Nodes;
using Veza.Application.Marketplace.EventHandlers;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Listings over HTTP against PostgreSQL: creating (money on the wire, field rules), reading by id, updating,
/// publishing, taking down, watching, moderation through reports, expiry by the background job, and the
/// admin dashboard's market figures.
/// </summary>
public sealed class MarketListingTests : MarketListingTestBase
{
    private Tokens _seller = null!;
    private Tokens _buyer = null!;

    [SetUp]
    public async Task TwoUsers()
    {
        _seller = await UserAsync("dj_nova");
        _buyer = await UserAsync("bass_bob");
    }

    [Test]
    public async Task Creating_an_active_listing_answers_201_with_money_as_a_string_and_stores_it_on_the_market_for_60_days()
    {
        var body = ListingBody(" Focusrite Scarlett 2i2 ", AudioInterfaces, "sale_or_trade", "49.90", "EUR", "like_new", ["USB", " Interface ", "usb"],
            description: "Two preamps.\nWith its box.", location: "Lyon, France");

        using var response = await PostAsync("/api/v1/listings", body, _seller.AccessToken);

        var json = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToJsonString());
        var data = json["data"]!;
        var id = data["id"]!.GetValue<Guid>();
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/listings/{id}"));
            Assert.That(data["title"]!.GetValue<string>(), Is.EqualTo("Focusrite Scarlett 2i2"));
            Assert.That(data["kind"]!.GetValue<string>(), Is.EqualTo("sale_or_trade"));
            Assert.That(data["price"]!.GetValue<string>(), Is.EqualTo("49.90"));
            Assert.That(data["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
            Assert.That(data["condition"]!.GetValue<string>(), Is.EqualTo("like_new"));
            Assert.That(data["category_id"]!.GetValue<Guid>(), Is.EqualTo(AudioInterfaces));
            Assert.That(data["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "usb", "interface" }));
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(data["images"]!.AsArray(), Is.Empty);
            var published = data["published_at"]!.GetValue<DateTimeOffset>();
            Assert.That(published, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(data["expires_at"]!.GetValue<DateTimeOffset>() - published, Is.EqualTo(TimeSpan.FromDays(60)));
            Assert.That(await Database.ScalarAsync<string>(
                    """
                    SELECT seller_id || '|' || title || '|' || description || '|' || kind || '|' || price::text || '|' || currency || '|' || condition || '|' || category_id
                        || '|' || array_to_string(tags, ',') || '|' || location || '|' || status || '|' || (expires_at - published_at)::text || '|' || (hidden_at IS NULL)
                    FROM listings WHERE id = @id
                    """, ("id", id)),
                Is.EqualTo($"{_seller.UserId}|Focusrite Scarlett 2i2|Two preamps.\nWith its box.|sale_or_trade|49.90|EUR|like_new|{AudioInterfaces}|usb,interface|Lyon, France|active|60 days|true"));
            Assert.That(await ExpiryJobsAsync(id), Is.EqualTo(1), "its expiry is queued");
        });
    }

    [Test]
    public async Task A_draft_is_stored_off_the_market_with_no_time_running()
    {
        using var response = await PostAsync("/api/v1/listings", ListingBody(status: "draft"), _seller.AccessToken);

        var json = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToJsonString());
        var id = json["data"]!["id"]!.GetValue<Guid>();
        Assert.Multiple(async () =>
        {
            Assert.That(json["data"]!["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(json["data"]!["published_at"], Is.Null);
            Assert.That(json["data"]!["expires_at"], Is.Null);
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || (published_at IS NULL) || '|' || (expires_at IS NULL) FROM listings WHERE id = @id", ("id", id)),
                Is.EqualTo("draft|true|true"));
            Assert.That(await ExpiryJobsAsync(id), Is.Zero);
        });
    }

    [Test]
    public async Task A_price_sent_as_a_number_is_accepted_and_answered_with_two_decimals()
    {
        using var decimals = await PostAsync("/api/v1/listings", ListingBody(price: 49.9m), _seller.AccessToken);
        using var whole = await PostAsync("/api/v1/listings", ListingBody(price: 1200), _seller.AccessToken);
        using var highest = await PostAsync("/api/v1/listings", ListingBody(price: "99999999.99"), _seller.AccessToken);

        var first = (await BodyAsync(decimals))["data"]!;
        var second = (await BodyAsync(whole))["data"]!;
        Assert.Multiple(async () =>
        {
            Assert.That(decimals.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first["price"]!.GetValue<string>(), Is.EqualTo("49.90"));
            Assert.That(second["price"]!.GetValue<string>(), Is.EqualTo("1200.00"));
            Assert.That((await BodyAsync(highest))["data"]!["price"]!.GetValue<string>(), Is.EqualTo("99999999.99"), "the largest amount");
            Assert.That(await Database.ScalarsAsync<string>("SELECT l.price::text FROM listings l ORDER BY l.price"), Is.EqualTo(new[] { "49.90", "1200.00", "99999999.99" }));
            var read = await OkDataAsync(await GetAsync($"/api/v1/listings/{first["id"]}"));
            Assert.That(read["listing"]!["price"]!.GetValue<string>(), Is.EqualTo("49.90"));
        });
    }

    [TestCase("""{"kind":"sale","price":"49.999","currency":"EUR"}""", "price")]
    [TestCase("""{"kind":"sale","price":49.999,"currency":"EUR"}""", "price")]
    [TestCase("""{"kind":"sale","price":"0","currency":"EUR"}""", "price")]
    [TestCase("""{"kind":"sale","price":-5,"currency":"EUR"}""", "price")]
    [TestCase("""{"kind":"sale","price":"100000000.00","currency":"EUR"}""", "price")]
    [TestCase("""{"kind":"sale"}""", "price")]
    [TestCase("""{"kind":"sale_or_trade"}""", "price")]
    [TestCase("""{"kind":"trade","price":"10.00","currency":"EUR"}""", "price")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"EURO"}""", "currency")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"eur"}""", "currency")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"XYZ"}""", "currency")]
    [TestCase("""{"kind":"sale","price":"49.90"}""", "currency")]
    [TestCase("""{"kind":"trade","currency":"EUR"}""", "currency")]
    [TestCase("""{"kind":"rent","price":"49.90","currency":"EUR"}""", "kind")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"EUR","condition":"mint"}""", "condition")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"EUR","status":"sold"}""", "status")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"EUR","title":"ab"}""", "title")]
    [TestCase("""{"kind":"sale","price":"49.90","currency":"EUR","tags":["a","b","c","d","e","f","g","h","i","j","k"]}""", "tags")]
    [TestCase("""{"kind":"sale","price":"cheap","currency":"EUR"}""", "price")]
    public async Task Invalid_terms_are_400_on_the_field_and_store_nothing(string fields, string field)
    {
        var body = JsonNode.Parse(fields)!.AsObject();
        body.TryAdd("title", "Focusrite Scarlett 2i2");
        body.TryAdd("condition", "good");
        body.TryAdd("category_id", AudioInterfaces.ToString());

        using var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/listings", body.ToJsonString(), _seller.AccessToken);

        Assert.That(Fields(await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Does.Contain(field));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listings"), Is.Zero);
    }

    [Test]
    public async Task An_unknown_category_or_someone_elses_track_is_400_and_ones_own_track_is_licensed()
    {
        var theirs = await Factory.StoreTrackAsync(_buyer.UserId, "Their song");
        var mine = await Factory.StoreTrackAsync(_seller.UserId, "Night Drive");

        using var unknownCategory = await PostAsync("/api/v1/listings", ListingBody(category: Guid.NewGuid()), _seller.AccessToken);
        using var otherTrack = await PostAsync("/api/v1/listings", ListingBody("Licence: Their song", TrackLicences, trackId: theirs), _seller.AccessToken);
        using var noTrack = await PostAsync("/api/v1/listings", ListingBody("Licence: nothing", TrackLicences, trackId: Guid.NewGuid()), _seller.AccessToken);
        using var ownTrack = await PostAsync("/api/v1/listings", ListingBody("Licence: Night Drive", TrackLicences, trackId: mine), _seller.AccessToken);

        Assert.That(Fields(await AssertErrorAsync(unknownCategory, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "category_id" }));
        Assert.That(Fields(await AssertErrorAsync(otherTrack, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "track_id" }));
        Assert.That(Fields(await AssertErrorAsync(noTrack, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "track_id" }));
        var created = await BodyAsync(ownTrack);
        Assert.That(ownTrack.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToJsonString());
        Assert.That(created["data"]!["track_id"]!.GetValue<Guid>(), Is.EqualTo(mine));
        Assert.That(await Database.ScalarsAsync<Guid>("SELECT track_id FROM listings"), Is.EqualTo(new[] { mine }));
    }

    [Test]
    public async Task Fields_a_listing_does_not_have_are_refused_by_name_and_anonymous_callers_get_401()
    {
        var body = ListingBody();
        body["seller_id"] = _buyer.UserId;
        body["hidden_reason"] = "none";

        using var extra = await PostAsync("/api/v1/listings", body, _seller.AccessToken);
        using var missing = await SendJsonAsync(HttpMethod.Post, "/api/v1/listings", "{}", _seller.AccessToken);
        using var anonymous = await PostAsync("/api/v1/listings", ListingBody());

        Assert.That(Fields(await AssertErrorAsync(extra, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EquivalentTo(new[] { "seller_id", "hidden_reason" }));
        Assert.That(Fields(await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.SupersetOf(new[] { "title", "kind", "condition", "category_id" }));
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listings"), Is.Zero);
    }

    [Test]
    public async Task An_active_listing_opens_for_anyone_with_its_seller_and_category_and_the_seller_alone_sees_its_offer_count()
    {
        var id = await CreateListingAsync(_seller, ListingBody("Focusrite Scarlett 2i2", AudioInterfaces, tags: ["usb"], description: "Two preamps."));
        await OfferAsync(_buyer, id);

        var anonymous = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}"));
        var buyer = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken));
        var seller = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", _seller.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That(anonymous["listing"]!["id"]!.GetValue<Guid>(), Is.EqualTo(id));
            Assert.That(anonymous["listing"]!["seller"]!["id"]!.GetValue<Guid>(), Is.EqualTo(_seller.UserId));
            Assert.That(anonymous["listing"]!["seller"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(anonymous["listing"]!["seller"]!["rating"]!["count"]!.GetValue<int>(), Is.Zero);
            Assert.That(anonymous["listing"]!["category"]!["slug"]!.GetValue<string>(), Is.EqualTo("audio-interfaces"));
            Assert.That(anonymous["listing"]!["category"]!["name"]!.GetValue<string>(), Is.EqualTo("Audio interfaces"));
            Assert.That(anonymous["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(anonymous["listing"]!["cover_url"], Is.Null);
            Assert.That(anonymous["description"]!.GetValue<string>(), Is.EqualTo("Two preamps."));
            Assert.That(anonymous["watching"]!.GetValue<bool>(), Is.False);
            Assert.That(anonymous["offer_count"], Is.Null);
            Assert.That(buyer["offer_count"], Is.Null, "only the seller and admins");
            Assert.That(seller["offer_count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(seller["hidden_reason"], Is.Null);
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_draft_is_not_found_for_others_but_opens_for_its_seller_and_admins()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var id = await CreateListingAsync(_seller, ListingBody(status: "draft"));

        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That((await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", _seller.AccessToken)))["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That((await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", admin.AccessToken)))["offer_count"]!.GetValue<long>(), Is.Zero);
    }

    [Test]
    public async Task Updating_changes_the_fields_present_keeps_the_others_and_empty_values_clear()
    {
        var id = await CreateListingAsync(_seller, ListingBody("Focusrite Scarlett 2i2", AudioInterfaces, tags: ["usb"], description: "Two preamps.", location: "Lyon"));

        var renamed = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { title = "Focusrite Scarlett 2i2 (3rd gen)", condition = "fair", category_id = Outboard }, _seller.AccessToken));
        var cleared = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { description = "", location = "", tags = Array.Empty<string>() }, _seller.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(renamed["title"]!.GetValue<string>(), Is.EqualTo("Focusrite Scarlett 2i2 (3rd gen)"));
            Assert.That(renamed["description"]!.GetValue<string>(), Is.EqualTo("Two preamps."));
            Assert.That(renamed["price"]!.GetValue<string>(), Is.EqualTo("49.90"));
            Assert.That(renamed["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "usb" }));
            Assert.That(cleared["description"], Is.Null);
            Assert.That(cleared["location"], Is.Null);
            Assert.That(cleared["tags"]!.AsArray(), Is.Empty);
            Assert.That(await Database.ScalarAsync<string>(
                    """
                    SELECT title || '|' || coalesce(description, '~') || '|' || kind || '|' || price::text || '|' || currency || '|' || condition || '|' || category_id
                        || '|' || cardinality(tags) || '|' || coalesce(location, '~') || '|' || status
                    FROM listings WHERE id = @id
                    """, ("id", id)),
                Is.EqualTo($"Focusrite Scarlett 2i2 (3rd gen)|~|sale|49.90|EUR|fair|{Outboard}|0|~|active"));
        });
    }

    [Test]
    public async Task Updating_to_a_trade_drops_the_price_and_bad_values_are_400_by_field()
    {
        var id = await CreateListingAsync(_seller, ListingBody());

        using var extra = await PutAsync($"/api/v1/listings/{id}", new { title = "New title", seller_id = _buyer.UserId }, _seller.AccessToken);
        using var price = await PutAsync($"/api/v1/listings/{id}", new { price = "10.001" }, _seller.AccessToken);
        using var category = await PutAsync($"/api/v1/listings/{id}", new { category_id = Guid.NewGuid() }, _seller.AccessToken);
        using var status = await PutAsync($"/api/v1/listings/{id}", new { status = "sold" }, _seller.AccessToken);
        using var track = await PutAsync($"/api/v1/listings/{id}", new { track_id = await Factory.StoreTrackAsync(_buyer.UserId, "Theirs") }, _seller.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(extra, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "seller_id" }));
        Assert.That(Fields(await AssertErrorAsync(price, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "price" }));
        Assert.That(Fields(await AssertErrorAsync(category, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "category_id" }));
        Assert.That(Fields(await AssertErrorAsync(status, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "status" }));
        Assert.That(Fields(await AssertErrorAsync(track, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "track_id" }));

        var trade = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { kind = "trade" }, _seller.AccessToken));

        Assert.That((trade["kind"]!.GetValue<string>(), trade["price"]?.GetValue<string>(), trade["currency"]?.GetValue<string>()), Is.EqualTo(("trade", (string?)null, (string?)null)));
        Assert.That(await Database.ScalarAsync<string>("SELECT title || '|' || kind || '|' || coalesce(price::text, '~') || '|' || coalesce(currency, '~') FROM listings WHERE id = @id", ("id", id)),
            Is.EqualTo("Focusrite Scarlett 2i2|trade|~|~"));
    }

    [Test]
    public async Task Only_the_seller_updates_others_get_403_or_404_for_a_draft_and_admins_403()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var active = await CreateListingAsync(_seller, ListingBody());
        var draft = await CreateListingAsync(_seller, ListingBody("Unfinished", status: "draft"));

        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{active}", new { title = "Mine now" }, _buyer.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{active}", new { title = "Mine now" }, admin.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{draft}", new { title = "Mine now" }, _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{active}", new { title = "Mine now" }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{Guid.NewGuid()}", new { title = "Mine now" }, _seller.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarsAsync<string>("SELECT title FROM listings ORDER BY title"), Is.EqualTo(new[] { "Focusrite Scarlett 2i2", "Unfinished" }));
    }

    [Test]
    public async Task While_verified_addresses_are_required_an_unverified_seller_cannot_list_change_a_listing_or_add_a_picture_and_nothing_changes()
    {
        var admin = await UserWithRoleAsync("admin_ana", "admin");
        var id = await CreateListingAsync(_seller, ListingBody("Focusrite Scarlett 2i2", description: "Two preamps."));
        var picture = await TestImages.MakeAsync("png", 48, 32);
        await OkDataAsync(await PutSettingsAsync(new { require_verified_email = true }, admin.AccessToken));
        var before = await ListingRowAsync(id);

        using var created = await PostAsync("/api/v1/listings", ListingBody("Second interface"), _seller.AccessToken);
        using var updated = await PutAsync($"/api/v1/listings/{id}", new { title = "Changed while unverified", price = "10.00" }, _seller.AccessToken);
        using var pictured = await UploadImageAsync(id, picture, "front.png", _seller.AccessToken, "image/png");

        await AssertErrorAsync(created, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        await AssertErrorAsync(updated, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        await AssertErrorAsync(pictured, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarsAsync<string>("SELECT title FROM listings"), Is.EqualTo(new[] { "Focusrite Scarlett 2i2" }), "no second listing");
            Assert.That(await ListingRowAsync(id), Is.EqualTo(before), "the listing is untouched");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listing_images"), Is.Zero);
            Assert.That(Directory.Exists(Path.Combine(StorageRoot, "listings", id.ToString("N"))), Is.False, "no picture reached storage");
        });

        await Database.ScalarAsync<int>("UPDATE users SET email_verified_at = now() WHERE id = @id RETURNING 1", ("id", _seller.UserId));
        using var updatedOnceVerified = await PutAsync($"/api/v1/listings/{id}", new { title = "Changed once verified" }, _seller.AccessToken);
        using var picturedOnceVerified = await UploadImageAsync(id, picture, "front.png", _seller.AccessToken, "image/png");
        Assert.That(updatedOnceVerified.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same change once the address is verified");
        Assert.That(picturedOnceVerified.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the same picture once the address is verified");
    }

    [Test]
    public async Task Swagger_documents_the_verified_address_requirement_on_listing_creation_updates_and_pictures_only()
    {
        using var response = await GetAsync("/swagger/v1/swagger.json");
        var paths = (await BodyAsync(response))["paths"]!;

        string Description(string path, string method) => paths[path]![method]!["description"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(Description("/api/v1/listings", "post"), Does.Contain("EMAIL_NOT_VERIFIED"));
            Assert.That(Description("/api/v1/listings/{id}", "put"), Does.Contain("EMAIL_NOT_VERIFIED"));
            Assert.That(Description("/api/v1/listings/{id}/images", "post"), Does.Contain("EMAIL_NOT_VERIFIED"));
            Assert.That(Description("/api/v1/listings/{id}", "delete"), Does.Not.Contain("EMAIL_NOT_VERIFIED"), "taking a listing down needs no verified address");
        });
    }

    [Test]
    public async Task A_price_drop_on_an_active_listing_is_pushed_to_its_watchers_but_not_to_the_seller_nor_for_a_rise()
    {
        using var events = new CapturedRealtimeEvents(Factory.Services);
        var other = await UserAsync("carla");
        var id = await CreateListingAsync(_seller, ListingBody("Focusrite Scarlett 2i2", price: "49.90"));
        foreach (var watcher in new[] { _buyer, _seller })
        {
            using var watch = await PostAsync($"/api/v1/listings/{id}/watch", new { }, watcher.AccessToken);
            Assert.That(watch.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { price = "59.90" }, _seller.AccessToken));
        await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { price = 39.9m }, _seller.AccessToken));

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(events.OfType(MarketEvents.WatchedPriceDropped).Count > 0)), Is.True, "a watcher heard of the drop");
        await Task.Delay(300);
        var drops = events.OfType(MarketEvents.WatchedPriceDropped);
        Assert.Multiple(() =>
        {
            Assert.That(drops.Select(e => e.UserId), Is.EqualTo(new[] { _buyer.UserId }), "once, to the watcher only: not the seller, not on the rise, not to others");
            Assert.That(drops.Select(e => e.UserId), Does.Not.Contain(other.UserId));
            Assert.That(drops.Single().Payload, Is.EqualTo(new WatchedListingSignal(id, "Focusrite Scarlett 2i2", "59.90", "39.90", "EUR")));
        });
    }

    [Test]
    public async Task A_price_drop_on_a_draft_is_not_pushed()
    {
        using var events = new CapturedRealtimeEvents(Factory.Services);
        var id = await CreateListingAsync(_seller, ListingBody());
        await WatchAsync(_buyer, id);

        await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { status = "draft" }, _seller.AccessToken));
        await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { price = "19.90" }, _seller.AccessToken));
        await Task.Delay(500);

        Assert.That(events.OfType(MarketEvents.WatchedPriceDropped), Is.Empty);
    }

    [Test]
    public async Task A_price_drop_on_a_hidden_listing_is_not_pushed_to_watchers_who_can_no_longer_see_it()
    {
        using var events = new CapturedRealtimeEvents(Factory.Services);
        var id = await CreateListingAsync(_seller, ListingBody());
        await WatchAsync(_buyer, id);
        await SqlAsync("UPDATE listings SET hidden_at = now(), hidden_reason = 'Scam' WHERE id = @id", ("id", id));
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { price = "19.90" }, _seller.AccessToken));
        await Task.Delay(500);

        Assert.That(events.OfType(MarketEvents.WatchedPriceDropped).Select(e => e.Payload), Is.Empty);
    }

    [Test]
    public async Task A_reserved_listings_price_currency_and_kind_are_locked_but_its_words_may_change()
    {
        var id = await CreateListingAsync(_seller, ListingBody(kind: "sale_or_trade", price: "49.90"));
        await SqlAsync("UPDATE listings SET status = 'reserved' WHERE id = @id", ("id", id));

        using var price = await PutAsync($"/api/v1/listings/{id}", new { price = "45.00" }, _seller.AccessToken);
        using var currency = await PutAsync($"/api/v1/listings/{id}", new { currency = "USD" }, _seller.AccessToken);
        using var kind = await PutAsync($"/api/v1/listings/{id}", new { kind = "trade" }, _seller.AccessToken);
        using var publish = await PutAsync($"/api/v1/listings/{id}", new { status = "draft" }, _seller.AccessToken);
        await AssertErrorAsync(price, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(currency, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(kind, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(publish, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");

        var words = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { title = "Scarlett, on hold", description = "Reserved." }, _seller.AccessToken));
        var seenByOthers = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken));

        Assert.That(words["status"]!.GetValue<string>(), Is.EqualTo("reserved"));
        Assert.That(seenByOthers["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("reserved"), "a reserved listing stays public");
        Assert.That(await Database.ScalarAsync<string>("SELECT title || '|' || kind || '|' || price::text || '|' || currency || '|' || status FROM listings WHERE id = @id", ("id", id)),
            Is.EqualTo("Scarlett, on hold|sale_or_trade|49.90|EUR|reserved"));
    }

    [TestCase("sold")]
    [TestCase("archived")]
    public async Task A_sold_or_archived_listing_never_changes(string status)
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        await SqlAsync("UPDATE listings SET status = @s, expires_at = NULL WHERE id = @id", ("s", status), ("id", id));

        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{id}", new { title = "Changed after the fact" }, _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{id}", new { status = "active" }, _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{id}", new { price = "9.99" }, _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");

        Assert.That(await Database.ScalarAsync<string>("SELECT title || '|' || price::text || '|' || status FROM listings WHERE id = @id", ("id", id)),
            Is.EqualTo($"Focusrite Scarlett 2i2|49.90|{status}"));
    }

    [Test]
    public async Task Publishing_a_draft_puts_it_on_the_market_for_a_full_lifetime_and_back_to_draft_takes_it_off()
    {
        var id = await CreateListingAsync(_seller, ListingBody(status: "draft"));

        var published = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { status = "active" }, _seller.AccessToken));
        var again = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { status = "active" }, _seller.AccessToken));
        var onMarket = Ids(await PageAsync(await GetAsync("/api/v1/listings")));
        using var visible = await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(published["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(published["published_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(published["expires_at"]!.GetValue<DateTimeOffset>() - published["published_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(TimeSpan.FromDays(60)));
            Assert.That(again["published_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(published["published_at"]!.GetValue<DateTimeOffset>()).Within(TimeSpan.FromMilliseconds(1)), "already active: nothing changes");
            Assert.That(onMarket, Is.EqualTo(new[] { id }));
            Assert.That(visible.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ExpiryJobsAsync(id), Is.EqualTo(1));
        });

        var draft = await OkDataAsync(await PutAsync($"/api/v1/listings/{id}", new { status = "draft" }, _seller.AccessToken));

        Assert.That((draft["status"]!.GetValue<string>(), draft["expires_at"]), Is.EqualTo(("draft", (JsonNode?)null)));
        Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/listings"))), Is.Empty);
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Back_to_draft_while_an_offer_waits_is_422()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var offer = await OfferAsync(_buyer, id);

        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{id}", new { status = "draft" }, _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");

        Assert.That(await ListingStatusAsync(id), Is.EqualTo("active"));
        Assert.That(await OfferStatusAsync(offer), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Deleting_a_listing_no_offer_ever_named_removes_it()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        await WatchAsync(_buyer, id);

        var deleted = await OkDataAsync(await DeleteAsync($"/api/v1/listings/{id}", _seller.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That((deleted["id"]!.GetValue<Guid>(), deleted["deleted"]!.GetValue<bool>(), deleted["archived"]!.GetValue<bool>()), Is.EqualTo((id, true, false)));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listings"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listing_watches"), Is.Zero);
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}", _seller.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{id}", _seller.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Deleting_a_listing_with_an_offer_archives_it_and_rejects_the_waiting_offer()
    {
        var id = await CreateListingAsync(_seller, ListingBody());
        var offer = await OfferAsync(_buyer, id);

        var archived = await OkDataAsync(await DeleteAsync($"/api/v1/listings/{id}", _seller.AccessToken));
        var again = await OkDataAsync(await DeleteAsync($"/api/v1/listings/{id}", _seller.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That((archived["deleted"]!.GetValue<bool>(), archived["archived"]!.GetValue<bool>()), Is.EqualTo((false, true)));
            Assert.That((again["deleted"]!.GetValue<bool>(), again["archived"]!.GetValue<bool>()), Is.EqualTo((false, true)), "answered again");
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || (expires_at IS NULL) FROM listings WHERE id = @id", ("id", id)), Is.EqualTo("archived|true"));
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || closed_reason FROM offers WHERE id = @id", ("id", offer)),
                Is.EqualTo("rejected|The listing was taken off the market."));
            Assert.That((await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", _seller.AccessToken)))["listing"]!["status"]!.GetValue<string>(), Is.EqualTo("archived"));
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/listings"))), Is.Empty);
    }

    [Test]
    public async Task Only_the_seller_or_an_admin_takes_a_listing_down_and_a_reserved_one_stays()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var first = await CreateListingAsync(_seller, ListingBody("First listing"));
        var reserved = await CreateListingAsync(_seller, ListingBody("Reserved listing"));
        await SqlAsync("UPDATE listings SET status = 'reserved' WHERE id = @id", ("id", reserved));

        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{first}", _buyer.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{first}", null), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await DeleteAsync($"/api/v1/listings/{reserved}", _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listings"), Is.EqualTo(2));

        var byAdmin = await OkDataAsync(await DeleteAsync($"/api/v1/listings/{first}", admin.AccessToken));

        Assert.That(byAdmin["deleted"]!.GetValue<bool>(), Is.True);
        Assert.That(await Database.ScalarsAsync<string>("SELECT title || '|' || status FROM listings"), Is.EqualTo(new[] { "Reserved listing|reserved" }));
    }

    [Test]
    public async Task Watching_is_idempotent_and_the_watchlist_lists_what_is_on_the_market_most_recently_watched_first()
    {
        var first = await CreateListingAsync(_seller, ListingBody("First listing"));
        var second = await CreateListingAsync(_seller, ListingBody("Second listing"));
        var draft = await CreateListingAsync(_seller, ListingBody("Draft listing", status: "draft"));

        using var watch = await PostAsync($"/api/v1/listings/{first}/watch", new { }, _buyer.AccessToken);
        using var watchAgain = await PostAsync($"/api/v1/listings/{first}/watch", new { }, _buyer.AccessToken);
        await Task.Delay(20);
        using var watchSecond = await PostAsync($"/api/v1/listings/{second}/watch", new { }, _buyer.AccessToken);
        Assert.That(new[] { watch.StatusCode, watchAgain.StatusCode, watchSecond.StatusCode }, Is.All.EqualTo(HttpStatusCode.NoContent));
        await AssertErrorAsync(await PostAsync($"/api/v1/listings/{draft}/watch", new { }, _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/listings/{Guid.NewGuid()}/watch", new { }, _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/listings/{first}/watch", new { }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await GetAsync("/api/v1/users/me/watchlist"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var list = await PageAsync(await GetAsync("/api/v1/users/me/watchlist", _buyer.AccessToken));
        var detail = await OkDataAsync(await GetAsync($"/api/v1/listings/{first}", _buyer.AccessToken));
        Assert.Multiple(async () =>
        {
            Assert.That(Ids(list), Is.EqualTo(new[] { second, first }));
            Assert.That(list["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(detail["watching"]!.GetValue<bool>(), Is.True);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM listing_watches WHERE user_id = @u", ("u", _buyer.UserId)), Is.EqualTo(2));
            Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/users/me/watchlist", _seller.AccessToken))), Is.Empty, "one's own");
        });

        await SqlAsync("UPDATE listings SET hidden_at = now(), hidden_reason = 'Scam' WHERE id = @id", ("id", second));
        Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/users/me/watchlist", _buyer.AccessToken))), Is.EqualTo(new[] { first }), "hidden ones drop out");

        using var unwatch = await DeleteAsync($"/api/v1/listings/{first}/watch", _buyer.AccessToken);
        using var unwatchAgain = await DeleteAsync($"/api/v1/listings/{first}/watch", _buyer.AccessToken);
        using var unwatchUnknown = await DeleteAsync($"/api/v1/listings/{Guid.NewGuid()}/watch", _buyer.AccessToken);
        Assert.That(new[] { unwatch.StatusCode, unwatchAgain.StatusCode, unwatchUnknown.StatusCode }, Is.All.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/users/me/watchlist", _buyer.AccessToken))), Is.Empty);
        Assert.That((await OkDataAsync(await GetAsync($"/api/v1/listings/{first}", _buyer.AccessToken)))["watching"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Hiding_a_reported_listing_takes_it_off_the_market_for_all_but_its_seller_and_admins_and_rejects_its_offers()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var admin = await UserWithRoleAsync("boss", "admin");
        var reporter = await UserAsync("carla");
        var id = await CreateListingAsync(_seller, ListingBody("Fake Stratocaster", Guitars));
        var other = await CreateListingAsync(_seller, ListingBody("Real Telecaster", Guitars));
        var offer = await OfferAsync(_buyer, id);

        using var filed = await PostAsync("/api/v1/reports", new { target_type = "listing", target_id = id, reason = "spam", details = "Counterfeit headstock." }, reporter.AccessToken);
        var report = await BodyAsync(filed);
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), report.ToJsonString());
        var resolved = await OkDataAsync(await PostAsync($"/api/v1/admin/reports/{report["data"]!["id"]}/resolve", new { action = "hide_content", note = "Counterfeit." }, moderator.AccessToken));

        var bySeller = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", _seller.AccessToken));
        var byAdmin = await OkDataAsync(await GetAsync($"/api/v1/listings/{id}", admin.AccessToken));
        Assert.Multiple(async () =>
        {
            Assert.That(resolved["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
            Assert.That(bySeller["hidden_reason"]!.GetValue<string>(), Is.EqualTo("Hidden after a report (spam): Counterfeit."));
            Assert.That(bySeller["hidden_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(byAdmin["hidden_reason"]!.GetValue<string>(), Is.EqualTo("Hidden after a report (spam): Counterfeit."));
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || hidden_reason FROM listings WHERE id = @id", ("id", id)),
                Is.EqualTo("active|Hidden after a report (spam): Counterfeit."));
            Assert.That(await OfferStatusAsync(offer), Is.EqualTo("rejected"), "the waiting offer was closed");
            Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/listings"))), Is.EqualTo(new[] { other }));
            Assert.That(Ids(await PageAsync(await GetAsync($"/api/v1/listings?category={Guitars}", _buyer.AccessToken))), Is.EqualTo(new[] { other }));
            Assert.That(Ids(await PageAsync(await GetAsync($"/api/v1/users/{_seller.UserId}/listings"))), Is.EqualTo(new[] { other }));
            Assert.That(Ids(await PageAsync(await GetAsync($"/api/v1/users/{_seller.UserId}/listings", _seller.AccessToken))), Is.EquivalentTo(new[] { id, other }), "the seller's own list keeps it");
            Assert.That((await OkDataAsync(await GetAsync($"/api/v1/categories/{Guitars}")))["listing_count"]!.GetValue<long>(), Is.EqualTo(1));
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{id}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/listings/{id}/offers", new { amount = "30.00", currency = "EUR" }, reporter.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/listings/{id}/watch", new { }, reporter.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_listing_others_cannot_see_cannot_be_reported_by_them()
    {
        var reporter = await UserAsync("carla");
        var draft = await CreateListingAsync(_seller, ListingBody(status: "draft"));

        using var response = await PostAsync("/api/v1/reports", new { target_type = "listing", target_id = draft, reason = "spam" }, reporter.AccessToken);

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM reports"), Is.Zero);
    }

    [Test]
    public async Task A_listing_whose_time_is_up_is_archived_by_the_background_job_and_its_offers_close()
    {
        var expiring = await CreateListingAsync(_seller, ListingBody("Expiring listing"));
        var renewed = await CreateListingAsync(_seller, ListingBody("Renewed listing"));
        var offer = await OfferAsync(_buyer, expiring);
        Assert.That(await Database.ScalarAsync<string>(
                "SELECT state || '|' || (abs(extract(epoch FROM run_after - (SELECT expires_at FROM listings WHERE id = @id))) < 1) FROM jobs WHERE kind = 'marketplace.expire_listing' AND payload::text LIKE @p",
                ("id", expiring), ("p", $"%{expiring}%")),
            Is.EqualTo("pending|true"), "queued for when its time is up");

        // Both jobs fall due now; only the first listing's time is really up (the second was renewed, as it were).
        await SqlAsync("UPDATE listings SET expires_at = now() - interval '1 minute' WHERE id = @id", ("id", expiring));
        Assert.That(await SqlAsync("UPDATE jobs SET run_after = now() - interval '1 minute' WHERE kind = 'marketplace.expire_listing'"), Is.EqualTo(2));

        Assert.That(await Eventually.TrueAsync(async () =>
                await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'marketplace.expire_listing' AND state = 'succeeded'") == 2),
            Is.True, string.Join(", ", await Database.ScalarsAsync<string>("SELECT state || ': ' || coalesce(last_error, '') FROM jobs")));
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT status || '|' || (expires_at IS NULL) FROM listings WHERE id = @id", ("id", expiring)), Is.EqualTo("archived|true"));
            Assert.That(await ListingStatusAsync(renewed), Is.EqualTo("active"), "its time is not up: the job leaves it");
            Assert.That(await OfferStatusAsync(offer), Is.EqualTo("rejected"));
            Assert.That(Ids(await PageAsync(await GetAsync("/api/v1/listings"))), Is.EqualTo(new[] { renewed }));
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/listings/{expiring}", _buyer.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task The_admin_dashboard_counts_active_listings_todays_offers_and_completed_transactions()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        using var events = new CapturedRealtimeEvents(Factory.Services);
        var carla = await UserAsync("carla");
        var sold = await CreateListingAsync(_seller, ListingBody("Sold listing"));
        var open = await CreateListingAsync(_seller, ListingBody("Open listing"));
        await CreateListingAsync(_seller, ListingBody("Another one"));
        await CreateListingAsync(_seller, ListingBody("Draft listing", status: "draft"));
        var hidden = await CreateListingAsync(_seller, ListingBody("Hidden listing"));
        await SqlAsync("UPDATE listings SET hidden_at = now(), hidden_reason = 'Scam' WHERE id = @id", ("id", hidden));
        await WatchAsync(carla, sold);

        var before = await OkDataAsync(await GetAsync("/api/v1/admin/dashboard", moderator.AccessToken));
        var offer = await OfferAsync(_buyer, sold);
        await OfferAsync(carla, open, "30.00");
        var accepted = await OkDataAsync(await PostAsync($"/api/v1/offers/{offer}/accept", new { }, _seller.AccessToken));
        var transaction = accepted["transaction_id"]!.GetValue<Guid>();
        await OkDataAsync(await PostAsync($"/api/v1/transactions/{transaction}/shipped", new { }, _seller.AccessToken));
        await OkDataAsync(await PostAsync($"/api/v1/transactions/{transaction}/received", new { }, _buyer.AccessToken));
        var after = await OkDataAsync(await GetAsync("/api/v1/admin/dashboard", moderator.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(before["marketplace"]!.ToJsonString(), Is.EqualTo("""{"active_listings":3,"offers_today":0,"completed_transactions":0}"""));
            Assert.That(after["marketplace"]!.ToJsonString(), Is.EqualTo("""{"active_listings":2,"offers_today":2,"completed_transactions":1}"""), "the sold one left the market");
            Assert.That(await ListingStatusAsync(sold), Is.EqualTo("sold"));
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(events.OfType(MarketEvents.WatchedSold).Any(e => e.UserId == carla.UserId))), Is.True, "the watcher heard of the sale");
        });
        await AssertErrorAsync(await GetAsync("/api/v1/admin/dashboard", _seller.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/listings/{sold}", new { title = "Sold, but renamed" }, _seller.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
    }

    /// <summary>Every stored field of a listing that an update could touch, on one line.</summary>
    private Task<string?> ListingRowAsync(Guid listingId) => Database.ScalarAsync<string>(
        "SELECT title || '|' || coalesce(description, '~') || '|' || coalesce(price::text, '~') || '|' || status || '|' || updated_at::text FROM listings WHERE id = @id", ("id", listingId));

    private Task<long> ExpiryJobsAsync(Guid listingId) =>
        Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'marketplace.expire_listing' AND payload::text LIKE @p", ("p", $"%{listingId}%"));
}
