using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Drives the real OAuth flow: the API's start, the browser's visit to the provider (the test OAuth server
/// from build/test.sh, which redirects to the API's callback with a code and the state), the callback
/// through the API and the exchange of the login code. Who signs in is chosen per request with login_hint.
/// </summary>
public abstract class OAuthTestBase : UserApiTestBase
{
    /// <summary>Plays the browser at the provider: follows nothing by itself.</summary>
    private static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    private HttpClient? _api;

    /// <summary>The API client that shows redirects instead of following them.</summary>
    protected HttpClient Api => _api ??= Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [OneTimeTearDown]
    public void DisposeApiClient() => _api?.Dispose();

    /// <summary>A person at the provider: a stable id, the address it gives and whether it verified it, a display name.</summary>
    protected sealed record ProviderAccount(string Sub, string? Email, bool EmailVerified = true, string Name = "Nova Star", bool Deny = false);

    protected async Task<string> StartAsync(string provider, string redirectUri = VezaApiFactory.OAuthReturnPage)
    {
        using var response = await Api.GetAsync($"/api/v1/auth/oauth/{provider}/start?redirect_uri={Uri.EscapeDataString(redirectUri)}");
        var body = await OkAsync(response);
        Binding = body["data"]!["binding"]!.GetValue<string>();
        return body["data"]!["authorization_url"]!.GetValue<string>();
    }

    /// <summary>The browser at the provider's authorization URL, as <paramref name="account"/>: where the provider sends it back (the API's callback).</summary>
    protected static async Task<Uri> AuthorizeAsync(string authorizationUrl, ProviderAccount account)
    {
        var hint = OAuthLoginHint.For(new { sub = account.Sub, email = account.Email, email_verified = account.EmailVerified, name = account.Name, deny = account.Deny });
        using var response = await Browser.GetAsync(QueryHelpers.AddQueryString(authorizationUrl, "login_hint", hint));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var callback = response.Headers.Location!;
        Assert.That(callback.GetLeftPart(UriPartial.Authority), Is.EqualTo(VezaApiFactory.OAuthCallbackBase));
        return callback;
    }

    /// <summary>The provider's redirect arriving at the API.</summary>
    protected Task<HttpResponseMessage> CallbackAsync(Uri callback) => Api.GetAsync(callback.PathAndQuery);

    /// <summary>Start, provider, callback: the frontend page the API sends the browser to (login_code or error on it).</summary>
    protected async Task<Uri> SignInAtProviderAsync(string provider, ProviderAccount account)
    {
        var callback = await AuthorizeAsync(await StartAsync(provider), account);
        using var response = await CallbackAsync(callback);
        return ReturnedTo(response);
    }

    /// <summary>Asserts the 302 to the allowed frontend page and returns where it points.</summary>
    protected static Uri ReturnedTo(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.Content.ReadAsStringAsync().Result);
        var location = response.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(VezaApiFactory.OAuthReturnPage));
        return location;
    }

    protected static string? QueryValue(Uri uri, string name) =>
        QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>The binding the last start handed this "frontend".</summary>
    protected string? Binding { get; private set; }

    protected Task<HttpResponseMessage> ExchangeAsync(string loginCode, string? binding = null) =>
        PostAsync("/api/v1/auth/oauth/exchange", new { login_code = loginCode, binding = binding ?? Binding });

    /// <summary>The whole flow to the token pair.</summary>
    protected async Task<Tokens> SignInWithAsync(string provider, ProviderAccount account)
    {
        var returned = await SignInAtProviderAsync(provider, account);
        var loginCode = QueryValue(returned, "login_code");
        Assert.That(loginCode, Is.Not.Null, $"expected a login code, got {returned}");
        using var response = await ExchangeAsync(loginCode!);
        var body = await OkAsync(response);
        Assert.That(body["data"]!["mfa_required"]!.GetValue<bool>(), Is.False);
        return Tokens.From(body);
    }

    protected async Task<string[]> IdentityProvidersAsync(string accessToken)
    {
        using var response = await GetAsync("/api/v1/users/me/identities", accessToken);
        var body = await OkAsync(response);
        return body["data"]!.AsArray().Select(i => i!["provider"]!.GetValue<string>()).ToArray();
    }

    /// <summary>As if the owner had followed the verification link (mailing it is another part of the issue).</summary>
    protected Task VerifyAddressAsync(Guid userId) =>
        Database.ScalarAsync<int>("UPDATE users SET email_verified_at = now() WHERE id = @id RETURNING 1", ("id", userId));

    protected static async Task<JsonNode> DataAsync(HttpResponseMessage response) => (await OkAsync(response))["data"]!;

    protected string ProviderBase => TestServers.OAuthProvider;
}
