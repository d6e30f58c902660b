using System.Net;
using System.Text.Json.Nodes;
using Veza.Domain.Ports;

namespace Veza.Api.FunctionalTests;

/// <summary>What the marketplace tests share: listings, offers and transactions made over HTTP, and reading their ids.</summary>
public abstract class MarketApiTestBase : UserApiTestBase
{
    /// <summary>Seeded by 0026_marketplace.sql; the test database keeps the category tree across resets.</summary>
    public static readonly Guid Guitars = Guid.Parse("0193a000-0000-7000-8000-000000000101");

    /// <summary>Creates a listing (201) and returns its id. A trade has no price: pass price null.</summary>
    protected async Task<Guid> ListingAsync(Tokens seller, string title = "Fender Stratocaster", string kind = "sale", decimal? price = 100m, string? currency = "EUR", string status = "active")
    {
        var body = new Dictionary<string, object?> { ["title"] = title, ["kind"] = kind, ["condition"] = "good", ["category_id"] = Guitars, ["status"] = status };
        if (price is not null)
        {
            body["price"] = price;
            body["currency"] = currency;
        }

        using var response = await PostAsync("/api/v1/listings", body, seller.AccessToken);
        var created = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToJsonString());
        return created["data"]!["id"]!.GetValue<Guid>();
    }

    /// <summary>The terms of an offer or counter as the API takes them; null members are left out of the body.</summary>
    protected static Dictionary<string, object?> Terms(object? amount, string? currency = "EUR", IReadOnlyList<Guid>? offered = null, string? message = null)
    {
        var body = new Dictionary<string, object?>();
        if (amount is not null)
        {
            body["amount"] = amount;
            body["currency"] = currency;
        }

        if (offered is not null)
        {
            body["offered_listing_ids"] = offered;
        }

        if (message is not null)
        {
            body["message"] = message;
        }

        return body;
    }

    protected Task<HttpResponseMessage> MakeOfferAsync(Tokens buyer, Guid listingId, object body) => PostAsync($"/api/v1/listings/{listingId}/offers", body, buyer.AccessToken);

    /// <summary>Makes an offer (201) and returns the offer as answered.</summary>
    protected async Task<JsonNode> OfferAsync(Tokens buyer, Guid listingId, object? amount = null, IReadOnlyList<Guid>? offered = null, string? message = null)
    {
        using var response = await MakeOfferAsync(buyer, listingId, Terms(amount ?? (offered is null ? 80m : null), offered: offered, message: message));
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!;
    }

    protected async Task<Guid> OfferIdAsync(Tokens buyer, Guid listingId, object? amount = null, IReadOnlyList<Guid>? offered = null) =>
        Id(await OfferAsync(buyer, listingId, amount, offered));

    /// <summary>POST /offers/{id}/{move} without a body: accept, reject, withdraw.</summary>
    protected Task<HttpResponseMessage> MoveAsync(Tokens party, Guid offerId, string move) => SendAsync(HttpMethod.Post, $"/api/v1/offers/{offerId}/{move}", null, party.AccessToken);

    protected Task<HttpResponseMessage> CounterAsync(Tokens party, Guid offerId, object body) => PostAsync($"/api/v1/offers/{offerId}/counter", body, party.AccessToken);

    /// <summary>POST /transactions/{id}/{step}: shipped, received, cancel.</summary>
    protected Task<HttpResponseMessage> StepAsync(Tokens party, Guid transactionId, string step) =>
        SendAsync(HttpMethod.Post, $"/api/v1/transactions/{transactionId}/{step}", null, party.AccessToken);

    protected Task<HttpResponseMessage> RateAsync(Tokens party, Guid transactionId, object body) => PostAsync($"/api/v1/transactions/{transactionId}/rating", body, party.AccessToken);

    /// <summary>The seller accepts the offer (200) and the transaction's id is returned.</summary>
    protected async Task<Guid> AcceptAsync(Tokens party, Guid offerId)
    {
        var data = (await OkAsync(await MoveAsync(party, offerId, "accept")))["data"]!;
        return data["transaction_id"]!.GetValue<Guid>();
    }

    /// <summary>A listing of the seller's sold to the buyer, received: the transaction is complete.</summary>
    protected async Task<Guid> CompletedTransactionAsync(Tokens seller, Tokens buyer, string title = "Fender Stratocaster")
    {
        var listing = await ListingAsync(seller, title);
        var transaction = await AcceptAsync(seller, await OfferIdAsync(buyer, listing));
        await OkAsync(await StepAsync(buyer, transaction, "received"));
        return transaction;
    }

    protected Task<string?> ListingStatusAsync(Guid listingId) =>
        Database.ScalarAsync<string>("SELECT status FROM listings WHERE id = @id", ("id", listingId));

    protected Task<string?> OfferStatusAsync(Guid offerId) =>
        Database.ScalarAsync<string>("SELECT status FROM offers WHERE id = @id", ("id", offerId));

    protected static Guid Id(JsonNode data) => data["id"]!.GetValue<Guid>();

    protected static string[] Strings(JsonNode? array, string field) => array!.AsArray().Select(n => n![field]!.GetValue<string>()).ToArray();

    /// <summary>The single detail of an INVALID_STATE answer, as "field=state".</summary>
    protected static async Task<string> InvalidStateAsync(HttpResponseMessage response)
    {
        var body = await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        var detail = body["error"]!["details"]!.AsArray().Single()!;
        return $"{detail["field"]!.GetValue<string>()}={detail["message"]!.GetValue<string>()}";
    }

    /// <summary>The system clock moved forward by a test (offer expiry) without waiting.</summary>
    public sealed class ShiftedClock : IClock
    {
        private long _shiftTicks;

        public TimeSpan Shift
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));
            set => Interlocked.Exchange(ref _shiftTicks, value.Ticks);
        }

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + Shift;
    }
}
