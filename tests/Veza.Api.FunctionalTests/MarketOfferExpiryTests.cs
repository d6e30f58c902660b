using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Veza.Application.Marketplace.EventHandlers;
using Veza.Domain.Ports;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Offers nobody answers expire through the background job, due when the answer is (Marketplace:OfferLifetime,
/// one minute here); the clock is moved forward instead of waiting.
/// </summary>
public class MarketOfferExpiryTests : MarketApiTestBase
{
    private readonly ShiftedClock _clock = new();

    /// <summary>The shortest offer lifetime allowed, and a worker that looks for due jobs often.</summary>
    public static Dictionary<string, string?> ExpirySettings() => new()
    {
        ["Marketplace:OfferLifetime"] = "00:01:00",
        ["Jobs:PollInterval"] = "00:00:00.200",
    };

    protected override IReadOnlyDictionary<string, string?>? Settings => ExpirySettings();

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IClock>(_clock));

    [SetUp]
    public void StopTheClockShift() => _clock.Shift = TimeSpan.Zero;

    [Test]
    public async Task An_offer_left_unanswered_for_the_offer_lifetime_expires_and_both_parties_hear_of_it()
    {
        using var events = new CapturedRealtimeEvents(Factory.Services);
        var seller = await UserAsync("dj_nova");
        var buyer = await UserAsync("bass_bob");
        var listing = await ListingAsync(seller);
        var offer = await OfferIdAsync(buyer, listing);
        Assert.That(await Database.ScalarAsync<long>("SELECT extract(epoch FROM expires_at - created_at)::bigint FROM offers WHERE id = @id", ("id", offer)), Is.EqualTo(60));

        _clock.Shift = TimeSpan.FromSeconds(30);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(await OfferStatusAsync(offer), Is.EqualTo("pending"), "not due yet");

        _clock.Shift = TimeSpan.FromSeconds(61);
        Assert.That(await Eventually.TrueAsync(async () => await OfferStatusAsync(offer) == "expired"), Is.True, "the job expired it");

        var expired = (await OkAsync(await GetAsync($"/api/v1/offers/{offer}", buyer.AccessToken)))["data"]!;
        var late = await InvalidStateAsync(await MoveAsync(seller, offer, "accept"));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(events.OfType(MarketEvents.OfferUpdated).Count(n => ((OfferUpdatedSignal)n.Payload).Move == "expire") >= 2)), Is.True);
        Assert.Multiple(async () =>
        {
            Assert.That(expired["status"]!.GetValue<string>(), Is.EqualTo("expired"));
            Assert.That(expired["turn"], Is.Null);
            Assert.That(Strings(expired["history"], "kind"), Is.EqualTo(new[] { "offer", "expire" }));
            Assert.That(expired["history"]![1]!["by"], Is.Null, "the platform's move");
            Assert.That(late, Is.EqualTo("status=expired"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(kind || ' ' || coalesce(by_party, 'platform'), ',' ORDER BY sequence) FROM offer_moves WHERE offer_id = @id", ("id", offer)),
                Is.EqualTo("offer buyer,expire platform"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(state, ',') FROM jobs WHERE kind = 'marketplace.expire_offer'"), Is.EqualTo("succeeded"));
            Assert.That(await ListingStatusAsync(listing), Is.EqualTo("active"));
            Assert.That(events.OfType(MarketEvents.OfferUpdated).Where(n => ((OfferUpdatedSignal)n.Payload) is { Move: "expire", By: null, Status: "expired" }).Select(n => n.UserId),
                Is.EquivalentTo(new[] { buyer.UserId, seller.UserId }));
        });
    }

    [Test]
    public async Task Each_move_restarts_the_offer_lifetime_and_the_expiry_of_an_earlier_move_changes_nothing()
    {
        var seller = await UserAsync("dj_nova");
        var buyer = await UserAsync("bass_bob");
        var offer = await OfferIdAsync(buyer, await ListingAsync(seller));
        _clock.Shift = TimeSpan.FromSeconds(40);
        await OkAsync(await CounterAsync(seller, offer, Terms(95m)));

        _clock.Shift = TimeSpan.FromSeconds(70);
        Assert.That(await Eventually.TrueAsync(async () =>
            await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'marketplace.expire_offer' AND state = 'succeeded'") == 1), Is.True, "the first move's expiry ran");
        Assert.That(await OfferStatusAsync(offer), Is.EqualTo("countered"), "the counter moved the deadline");

        _clock.Shift = TimeSpan.FromSeconds(101);
        Assert.That(await Eventually.TrueAsync(async () => await OfferStatusAsync(offer) == "expired"), Is.True);
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(kind || ' ' || coalesce(by_party, 'platform'), ',' ORDER BY sequence) FROM offer_moves WHERE offer_id = @id", ("id", offer)),
            Is.EqualTo("offer buyer,counter seller,expire platform"));
    }
}

/// <summary>An offer's expiry is a stored job: the node that took the offer stops before it is due, and the next node expires it.</summary>
public class MarketOfferRestartTests
{
    private const string Password = "violet-tape-deck-42";

    [Test]
    public async Task An_offer_expiry_stored_before_a_restart_is_run_by_the_next_node()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new MarketApiTestBase.ShiftedClock();
        var settings = MarketOfferExpiryTests.ExpirySettings();
        void UseClock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IClock>(clock));
        Guid offer;
        await using (var first = new VezaApiFactory(database.ConnectionString, settings, UseClock))
        {
            using var client = first.CreateClient();
            var seller = await RegisterAsync(client, "dj_nova");
            var buyer = await RegisterAsync(client, "bass_bob");
            var listing = await SendAsync(client, "/api/v1/listings", new { title = "Fender Stratocaster", kind = "sale", price = 100m, currency = "EUR", condition = "good", category_id = MarketApiTestBase.Guitars }, seller);
            offer = (await SendAsync(client, $"/api/v1/listings/{listing["id"]!.GetValue<Guid>()}/offers", new { amount = "80.00", currency = "EUR" }, buyer))["id"]!.GetValue<Guid>();
        }

        Assert.That(await database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'marketplace.expire_offer'"), Is.EqualTo("pending"));
        Assert.That(await database.ScalarAsync<string>("SELECT status FROM offers WHERE id = @id", ("id", offer)), Is.EqualTo("pending"));

        clock.Shift = TimeSpan.FromMinutes(2);
        await using var second = new VezaApiFactory(database.ConnectionString, settings, UseClock);
        using var _ = second.CreateClient();

        Assert.That(await Eventually.TrueAsync(async () => await database.ScalarAsync<string>("SELECT status FROM offers WHERE id = @id", ("id", offer)) == "expired"), Is.True);
        Assert.That(await database.ScalarAsync<string>("SELECT string_agg(kind || ' ' || coalesce(by_party, 'platform'), ',' ORDER BY sequence) FROM offer_moves WHERE offer_id = @id", ("id", offer)),
            Is.EqualTo("offer buyer,expire platform"));
        Assert.That(await Eventually.TrueAsync(async () => await database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'marketplace.expire_offer'") == "succeeded"), Is.True);
    }

    private static async Task<string> RegisterAsync(HttpClient client, string username)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { username, email = $"{username}@example.com", password = Password });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["access_token"]!.GetValue<string>();
    }

    /// <summary>POSTs as the user and returns data of the 201.</summary>
    private static async Task<JsonNode> SendAsync(HttpClient client, string path, object body, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), answer.ToJsonString());
        return answer["data"]!;
    }
}
