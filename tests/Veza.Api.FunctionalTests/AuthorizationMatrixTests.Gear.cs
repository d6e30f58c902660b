using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The gear rows of the matrix (admin catalog routes are in the admin matrix). {product} is a catalog product,
/// {gear} the owner's gear entry, {own_gear} one made for the calling account alone (each caller's delete meets an
/// entry still there), {gear_file} a text file on {gear}, {document} a catalog document of {product}.
/// </summary>
public partial class AuthorizationMatrixTests
{
    private readonly Dictionary<string, Guid> _gearFixtures = [];

    private static IEnumerable<TestCaseData> GearRows()
    {
        yield return Row("GET", "/api/v1/products/search?q=matrix", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/search?q=matrix", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/search/autocomplete?q=ma", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/search/advanced?type=tracks&genre=matrix", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/shared-resources", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/shared-resources/shared-with-me", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/shared-resources/0193a5b2-7c1e-7d3a-9f10-000000000000", null, 401, 404, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/products", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/products/{product}", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/products/{product}/documents", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/user-products", null, 401, 200, 200, 200, 200, 200);
        yield return Row("POST", "/api/v1/user-products", """{"product_id":"{product}","serial_number":"SN-{caller}"}""", 401, 201, 201, 201, 201, 201);
        yield return Row("GET", "/api/v1/user-products/warranty", null, 401, 200, 200, 200, 200, 200);
        // Someone else's gear is 404 to everyone but its owner, admins included: whether it exists is the owner's business.
        yield return Row("GET", "/api/v1/user-products/{gear}", null, 401, 200, 404, 404, 404, 404);
        yield return Row("PUT", "/api/v1/user-products/{gear}", """{"notes":"by {caller}"}""", 401, 200, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/user-products/{gear}/files", null, 401, 200, 404, 404, 404, 404);
        // Without its type the form is refused before anyone's entry is looked at.
        yield return Row("POST", "/api/v1/user-products/{gear}/files", MultipartFile + "plain text notes", 401, 400, 400, 400, 400, 400);
        yield return Row("DELETE", "/api/v1/user-products/{own_gear}", null, 401, 204, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/files/{gear_file}", null, 404, 200, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/files/{gear_file}/download", null, 404, 200, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/files/{gear_file}/thumbnail", null, 404, 404, 404, 404, 404, 404);
        yield return Row("PUT", "/api/v1/files/{gear_file}", """{"filename":"notes of {caller}.txt"}""", 401, 200, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/files/{document}/download", null, 200, 200, 200, 200, 200, 200);
        yield return Row("DELETE", "/api/v1/files/{own_file}", null, 401, 204, 404, 404, 404, 404);
        yield return Row("DELETE", "/api/v1/files/{own_document}", null, 401, 403, 403, 403, 204, 204);
    }

    private async Task CreateGearFixturesAsync()
    {
        if (_gearFixtures.Count > 0)
        {
            return;
        }

        var owner = _tokens["owner"].AccessToken;
        var admin = _tokens["admin"].AccessToken;
        _gearFixtures["product"] = await CreatedIdAsync(await PostAsync("/api/v1/admin/products", new { name = "Matrix interface", category_id = Guid.Parse("0193a000-0000-7000-8000-000000000201"), brand = "Matrix" }, admin));
        _gearFixtures["gear"] = await CreatedIdAsync(await PostAsync("/api/v1/user-products", new { product_id = _gearFixtures["product"], serial_number = "SN-OWNER" }, owner));
        _gearFixtures["gear_file"] = await UploadAsync($"/api/v1/user-products/{_gearFixtures["gear"]}/files", owner);
        _gearFixtures["document"] = await UploadAsync($"/api/v1/admin/products/{_gearFixtures["product"]}/documents", admin);
        foreach (var caller in Callers)
        {
            _gearFixtures[$"own_gear:{caller}"] = await CreatedIdAsync(await PostAsync("/api/v1/user-products", new { product_id = _gearFixtures["product"], serial_number = $"OWN-{caller}" }, owner));
            _gearFixtures[$"own_file:{caller}"] = await UploadAsync($"/api/v1/user-products/{_gearFixtures["gear"]}/files", owner);
            _gearFixtures[$"own_document:{caller}"] = await UploadAsync($"/api/v1/admin/products/{_gearFixtures["product"]}/documents", admin);
        }
    }

    private string FillGear(string text, string caller) =>
        _gearFixtures.Count == 0 ? text : _gearFixtures
            .Where(f => !f.Key.Contains(':', StringComparison.Ordinal))
            .Aggregate(text, (filled, f) => filled.Replace("{" + f.Key + "}", f.Value.ToString(), StringComparison.Ordinal))
            .Replace("{own_gear}", _gearFixtures[$"own_gear:{caller}"].ToString(), StringComparison.Ordinal)
            .Replace("{own_file}", _gearFixtures[$"own_file:{caller}"].ToString(), StringComparison.Ordinal)
            .Replace("{own_document}", _gearFixtures[$"own_document:{caller}"].ToString(), StringComparison.Ordinal);

    private async Task<Guid> UploadAsync(string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new MultipartFormDataContent
            {
                { new ByteArrayContent("Matrix notes, plain text."u8.ToArray()), "file", "notes.txt" },
                { new StringContent("document"), "type" },
            },
        };
        request.Headers.Authorization = new("Bearer", accessToken);
        return await CreatedIdAsync(await Client.SendAsync(request));
    }
}
