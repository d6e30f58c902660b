using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// What the category and listing tests share: the seeded category tree's fixed ids (migration 0026), listings
/// and offers made through the API, raw JSON bodies, picture uploads, and SQL for the states only other flows reach.
/// </summary>
public abstract class MarketListingTestBase : AdminApiTestBase
{
    protected static readonly Guid Instruments = Guid.Parse("0193a000-0000-7000-8000-000000000100");
    protected static readonly Guid Guitars = Guid.Parse("0193a000-0000-7000-8000-000000000101");
    protected static readonly Guid Basses = Guid.Parse("0193a000-0000-7000-8000-000000000102");
    protected static readonly Guid Keyboards = Guid.Parse("0193a000-0000-7000-8000-000000000103");
    protected static readonly Guid Drums = Guid.Parse("0193a000-0000-7000-8000-000000000104");
    protected static readonly Guid Studio = Guid.Parse("0193a000-0000-7000-8000-000000000200");
    protected static readonly Guid AudioInterfaces = Guid.Parse("0193a000-0000-7000-8000-000000000201");
    protected static readonly Guid Microphones = Guid.Parse("0193a000-0000-7000-8000-000000000202");
    protected static readonly Guid Monitors = Guid.Parse("0193a000-0000-7000-8000-000000000203");
    protected static readonly Guid Headphones = Guid.Parse("0193a000-0000-7000-8000-000000000204");
    protected static readonly Guid Outboard = Guid.Parse("0193a000-0000-7000-8000-000000000205");
    protected static readonly Guid Software = Guid.Parse("0193a000-0000-7000-8000-000000000300");
    protected static readonly Guid Plugins = Guid.Parse("0193a000-0000-7000-8000-000000000301");
    protected static readonly Guid SamplePacks = Guid.Parse("0193a000-0000-7000-8000-000000000302");
    protected static readonly Guid Music = Guid.Parse("0193a000-0000-7000-8000-000000000400");
    protected static readonly Guid TrackLicences = Guid.Parse("0193a000-0000-7000-8000-000000000401");

    private readonly string _storageRoot = Path.Combine(Path.GetTempPath(), "veza-market-tests-" + Guid.NewGuid().ToString("N"));

    protected string StorageRoot => _storageRoot;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = _storageRoot,
        ["Jobs:PollInterval"] = "00:00:00.100",
    };

    [OneTimeTearDown]
    public void DeleteMarketStorage()
    {
        if (Directory.Exists(_storageRoot))
        {
            Directory.Delete(_storageRoot, recursive: true);
        }
    }

    protected Task<Tokens> UserAsync(string username) => RegisterAsync(username, $"{username}@example.com");

    /// <summary>A create body; the price is "49.90" unless given, and left out (with the currency) for a trade.</summary>
    protected static Dictionary<string, object?> ListingBody(
        string title = "Focusrite Scarlett 2i2", Guid? category = null, string kind = "sale", object? price = null, string currency = "EUR", string condition = "good",
        string[]? tags = null, string? status = null, string? description = null, string? location = null, Guid? trackId = null)
    {
        var body = new Dictionary<string, object?> { ["title"] = title, ["kind"] = kind, ["condition"] = condition, ["category_id"] = category ?? AudioInterfaces };
        price ??= kind == "trade" ? null : "49.90";
        if (price is not null)
        {
            body["price"] = price;
            body["currency"] = currency;
        }

        if (tags is not null)
        {
            body["tags"] = tags;
        }

        if (status is not null)
        {
            body["status"] = status;
        }

        if (description is not null)
        {
            body["description"] = description;
        }

        if (location is not null)
        {
            body["location"] = location;
        }

        if (trackId is not null)
        {
            body["track_id"] = trackId;
        }

        return body;
    }

    protected async Task<Guid> CreateListingAsync(Tokens seller, Dictionary<string, object?> body)
    {
        using var response = await PostAsync("/api/v1/listings", body, seller.AccessToken);
        var json = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToJsonString());
        return json["data"]!["id"]!.GetValue<Guid>();
    }

    /// <summary>An offer of <paramref name="amount"/> by <paramref name="buyer"/> (201 asserted); its id.</summary>
    protected async Task<Guid> OfferAsync(Tokens buyer, Guid listingId, string amount = "40.00", string currency = "EUR")
    {
        using var response = await PostAsync($"/api/v1/listings/{listingId}/offers", new { amount, currency }, buyer.AccessToken);
        var json = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToJsonString());
        return json["data"]!["id"]!.GetValue<Guid>();
    }

    protected async Task WatchAsync(Tokens watcher, Guid listingId)
    {
        using var response = await PostAsync($"/api/v1/listings/{listingId}/watch", new { }, watcher.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
    }

    protected async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json, string? accessToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> DeleteAsync(string path, string? accessToken) => SendAsync(HttpMethod.Delete, path, null, accessToken);

    protected async Task<HttpResponseMessage> UploadImageAsync(Guid listingId, byte[] bytes, string fileName, string? accessToken, string contentType = "application/octet-stream")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/listings/{listingId}/images") { Content = form };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Runs an UPDATE/DELETE/INSERT (without RETURNING) and answers how many rows it touched.</summary>
    protected async Task<long> SqlAsync(string statement, params (string Name, object Value)[] parameters) =>
        await Database.ScalarAsync<long>($"WITH x AS ({statement} RETURNING 1) SELECT count(*) FROM x", parameters);

    protected Task<string?> ListingStatusAsync(Guid listingId) => Database.ScalarAsync<string>("SELECT status FROM listings WHERE id = @id", ("id", listingId));

    protected Task<string?> OfferStatusAsync(Guid offerId) => Database.ScalarAsync<string>("SELECT status FROM offers WHERE id = @id", ("id", offerId));

    protected static string[] Fields(JsonNode errorBody) => errorBody["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).ToArray();

    protected static Guid[] Ids(JsonNode pagedBody) => pagedBody["data"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()).ToArray();

    /// <summary>The paged envelope of a 200 answer (asserted).</summary>
    protected static async Task<JsonNode> PageAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body;
    }
}
