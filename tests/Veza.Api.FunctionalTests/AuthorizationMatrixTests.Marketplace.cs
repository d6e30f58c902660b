using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The marketplace rows of the matrix (admin category routes are in the admin matrix). {listing} is the owner's
/// active listing, {draft_listing} their draft, {offer_listing} one only offers are made on, {own_listing} one
/// made for the calling account alone (each caller's delete meets a listing still there). Offers are the other
/// account's on the owner's listings, one per row that ends them; transactions come from offers the owner accepted.
/// </summary>
public partial class AuthorizationMatrixTests
{
    private const string Guitars = "0193a000-0000-7000-8000-000000000101";
    private readonly Dictionary<string, Guid> _marketFixtures = [];

    private static IEnumerable<TestCaseData> MarketplaceRows()
    {
        yield return Row("GET", "/api/v1/categories", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/categories/" + Guitars, null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/categories/{owner}", null, 404, 404, 404, 404, 404, 404);
        yield return Row("POST", "/api/v1/listings", """{"title":"Matrix bass of {caller}","kind":"sale","price":"10.00","currency":"EUR","condition":"good","category_id":"0193a000-0000-7000-8000-000000000101"}""",
            401, 201, 201, 201, 201, 201);
        yield return Row("GET", "/api/v1/listings", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/listings/{listing}", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/listings/{draft_listing}", null, 404, 200, 404, 404, 200, 200);
        yield return Row("PUT", "/api/v1/listings/{listing}", """{"description":"Edited by {caller}"}""", 401, 200, 403, 403, 403, 403);
        yield return Row("PUT", "/api/v1/listings/{draft_listing}", """{"description":"Edited by {caller}"}""", 401, 200, 404, 404, 403, 403);
        yield return Row("DELETE", "/api/v1/listings/{own_listing}", null, 401, 200, 403, 403, 200, 200);
        yield return Row("POST", "/api/v1/listings/{listing}/images", MultipartFile + "not an image", 401, 415, 403, 403, 403, 403);
        yield return Row("GET", "/api/v1/listings/{listing}/images/{owner}", null, 404, 404, 404, 404, 404, 404);
        yield return Row("DELETE", "/api/v1/listings/{listing}/images/{owner}", null, 401, 404, 403, 403, 403, 403);
        yield return Row("PUT", "/api/v1/listings/{listing}/images/order", """{"image_ids":[]}""", 401, 200, 403, 403, 403, 403);
        yield return Row("POST", "/api/v1/listings/{listing}/watch", null, 401, 204, 204, 204, 204, 204);
        yield return Row("DELETE", "/api/v1/listings/{listing}/watch", null, 401, 204, 204, 204, 204, 204);
        yield return Row("GET", "/api/v1/users/me/watchlist", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/{owner}/listings", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/{owner}/ratings", null, 200, 200, 200, 200, 200, 200);
        yield return Row("POST", "/api/v1/listings/{offer_listing}/offers", """{"amount":"9.00","currency":"EUR"}""", 401, 403, 201, 201, 201, 201);
        yield return Row("GET", "/api/v1/offers", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/offers/{offer}", null, 401, 200, 200, 404, 200, 200);
        // The seller counters, then the buyer: each in turn. Nobody else is a party (404, admins too: offers are changed by their parties only).
        yield return Row("POST", "/api/v1/offers/{offer}/counter", """{"amount":"9.50","currency":"EUR"}""", 401, 200, 200, 404, 404, 404);
        yield return Row("POST", "/api/v1/offers/{reject_offer}/reject", "{}", 401, 200, 422, 404, 404, 404);
        yield return Row("POST", "/api/v1/offers/{withdraw_offer}/withdraw", null, 401, 422, 200, 404, 404, 404);
        yield return Row("POST", "/api/v1/offers/{accept_offer}/accept", null, 401, 200, 422, 404, 404, 404);
        yield return Row("GET", "/api/v1/transactions", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/transactions/{transaction}", null, 401, 200, 200, 404, 200, 200);
        yield return Row("POST", "/api/v1/transactions/{transaction}/shipped", null, 401, 200, 403, 404, 404, 404);
        yield return Row("POST", "/api/v1/transactions/{transaction}/rating", """{"score":5}""", 401, 422, 422, 404, 404, 404);
        yield return Row("POST", "/api/v1/transactions/{received_transaction}/received", null, 401, 403, 200, 404, 404, 404);
        yield return Row("POST", "/api/v1/transactions/{cancelled_transaction}/cancel", null, 401, 200, 200, 404, 404, 404);
    }

    private async Task CreateMarketFixturesAsync()
    {
        if (_marketFixtures.Count > 0)
        {
            return;
        }

        var owner = _tokens["owner"].AccessToken;
        var other = _tokens["other"].AccessToken;
        _marketFixtures["listing"] = await CreateListingAsync(owner, "active");
        _marketFixtures["draft_listing"] = await CreateListingAsync(owner, "draft");
        _marketFixtures["offer_listing"] = await CreateListingAsync(owner, "active");
        foreach (var caller in Callers)
        {
            _marketFixtures[$"own_listing:{caller}"] = await CreateListingAsync(owner, "active");
        }

        foreach (var offer in new[] { "offer", "reject_offer", "withdraw_offer", "accept_offer" })
        {
            _marketFixtures[offer] = await MakeOfferAsync(other, await CreateListingAsync(owner, "active"));
        }

        foreach (var transaction in new[] { "transaction", "received_transaction", "cancelled_transaction" })
        {
            var offer = await MakeOfferAsync(other, await CreateListingAsync(owner, "active"));
            using var accepted = await PostAsync($"/api/v1/offers/{offer}/accept", new { }, owner);
            var body = await BodyAsync(accepted);
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            _marketFixtures[transaction] = body["data"]!["transaction_id"]!.GetValue<Guid>();
        }
    }

    private string FillMarket(string text, string caller) =>
        _marketFixtures.Count == 0 ? text : _marketFixtures
            .Where(f => !f.Key.Contains(':', StringComparison.Ordinal))
            .Aggregate(text, (filled, f) => filled.Replace("{" + f.Key + "}", f.Value.ToString(), StringComparison.Ordinal))
            .Replace("{own_listing}", _marketFixtures[$"own_listing:{caller}"].ToString(), StringComparison.Ordinal);

    private async Task<Guid> CreateListingAsync(string accessToken, string status)
    {
        using var response = await PostAsync("/api/v1/listings", new
        {
            title = "Matrix bass", kind = "sale", price = "10.00", currency = "EUR", condition = "good", category_id = Guid.Parse(Guitars), status,
        }, accessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid> MakeOfferAsync(string accessToken, Guid listing)
    {
        using var response = await PostAsync($"/api/v1/listings/{listing}/offers", new { amount = "8.00", currency = "EUR" }, accessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }
}
