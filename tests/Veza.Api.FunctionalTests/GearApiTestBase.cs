using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Veza.Domain.Ports;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// What the gear tests share: catalog products made by an admin, gear recorded by its owner, files attached to it,
/// all over HTTP, and a clock the warranty tests pin to a day. Access tokens are checked against the real time, so
/// a test signs everyone in before it pins the clock.
/// </summary>
public abstract class GearApiTestBase : MarketListingTestBase
{
    protected const string ProductsPath = "/api/v1/products";
    protected const string AdminProductsPath = "/api/v1/admin/products";
    protected const string GearPath = "/api/v1/user-products";

    protected MarketApiTestBase.ShiftedClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));

    [SetUp]
    public void UnpinTheClock() => Clock.Shift = TimeSpan.Zero;

    /// <summary>Moves the API's clock to noon (UTC) of <paramref name="day"/>: its today is that day.</summary>
    protected void PinToday(DateOnly day) => Clock.Shift = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) - DateTimeOffset.UtcNow;

    protected Task<Tokens> CatalogAdminAsync(string username = "admin_ana") => UserWithRoleAsync(username, "admin");

    /// <summary>A create body for POST /admin/products; null members are left out.</summary>
    protected static Dictionary<string, object?> ProductBody(
        string name = "Scarlett 2i2", string brand = "Focusrite", Guid? category = null, string? model = null, int? warrantyMonths = null, string? status = null,
        object? specifications = null, string? website = null, string? price = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["brand"] = brand, ["category_id"] = category ?? AudioInterfaces };
        void Put(string key, object? value)
        {
            if (value is not null)
            {
                body[key] = value;
            }
        }

        Put("model", model);
        Put("warranty_months", warrantyMonths);
        Put("status", status);
        Put("specifications", specifications);
        Put("manufacturer_website", website);
        if (price is not null)
        {
            body["price"] = price;
            body["currency"] = "EUR";
        }

        return body;
    }

    /// <summary>Creates a product as the admin (201 asserted) and returns its id.</summary>
    protected async Task<Guid> ProductAsync(Tokens admin, string name = "Scarlett 2i2", string brand = "Focusrite", Guid? category = null, string? model = null,
        int warrantyMonths = 36, string? status = null)
    {
        using var response = await PostAsync(AdminProductsPath, ProductBody(name, brand, category, model, warrantyMonths, status), admin.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    /// <summary>Records gear for the owner (201 asserted) and returns the entry as answered.</summary>
    protected async Task<JsonNode> RecordAsync(Tokens owner, object body)
    {
        using var response = await PostAsync(GearPath, body, owner.AccessToken);
        var json = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToJsonString());
        return json["data"]!;
    }

    protected async Task<Guid> GearAsync(Tokens owner, Guid productId, string? serial = null, string? purchased = null, string? warrantyExpires = null, string? notes = null)
    {
        var body = new Dictionary<string, object?> { ["product_id"] = productId };
        if (serial is not null)
        {
            body["serial_number"] = serial;
        }

        if (purchased is not null)
        {
            body["purchase_date"] = purchased;
        }

        if (warrantyExpires is not null)
        {
            body["warranty_expires"] = warrantyExpires;
        }

        if (notes is not null)
        {
            body["notes"] = notes;
        }

        return Id(await RecordAsync(owner, body));
    }

    /// <summary>POST /user-products/{id}/files with a file and a type.</summary>
    protected async Task<HttpResponseMessage> AttachAsync(Guid gearId, string? accessToken, string text = "hello", string fileName = "notes.txt", string type = "document")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var form = new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(type), "type" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{GearPath}/{gearId}/files") { Content = form };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>POST /admin/products/{id}/documents with a text file.</summary>
    protected async Task<HttpResponseMessage> AddDocumentAsync(Guid productId, string accessToken, string text = "Quick start: plug it in.", string fileName = "guide.txt")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AdminProductsPath}/{productId}/documents") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Client.SendAsync(request);
    }

    protected static Guid Id(JsonNode data) => data["id"]!.GetValue<Guid>();

    protected static string[] Names(JsonNode array, string field = "name") => array.AsArray().Select(n => n![field]!.GetValue<string>()).ToArray();

    protected static Guid[] IdsOf(JsonNode array) => array.AsArray().Select(n => n!["id"]!.GetValue<Guid>()).ToArray();

    /// <summary>The data of a 200 answer whose data is a list.</summary>
    protected async Task<JsonNode> ListAsync(string path, string? accessToken = null) => await OkDataAsync(await GetAsync(path, accessToken));
}
