using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Veza.Domain.Identities;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.OAuth;

/// <summary>
/// The authorization-code flow with PKCE (RFC 6749, RFC 7636 S256) over HttpClient, one adapter for every
/// provider; only reading the profile differs: Google's OIDC userinfo (sub, email, email_verified, name),
/// GitHub's /user plus /user/emails (the primary address and its verified flag), Discord's /users/@me
/// (id, email, verified, username). No retries: a code is single use.
/// </summary>
public sealed class OAuthProviderClient(HttpClient http, IOptions<OAuthOptions> options) : IOAuthProviderClient
{
    private readonly OAuthOptions _options = options.Value;

    public bool IsEnabled(ExternalProvider provider) => _options.Providers.For(provider).Enabled;

    public bool IsAllowedReturnUri(string uri) => _options.AllowedRedirectUris.Contains(uri, StringComparer.Ordinal);

    public string BuildAuthorizationUrl(ExternalProvider provider, string state, string codeVerifier)
    {
        var settings = _options.Providers.For(provider);
        return QueryHelpers.AddQueryString(settings.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = _options.CallbackUrl(provider),
            ["scope"] = settings.Scopes,
            ["state"] = state,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier))),
            ["code_challenge_method"] = "S256",
        });
    }

    public async Task<ExternalProfile> FetchProfileAsync(ExternalProvider provider, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        var settings = _options.Providers.For(provider);
        try
        {
            var accessToken = await ExchangeCodeAsync(provider, settings, code, codeVerifier, cancellationToken);
            using var profile = await GetJsonAsync(settings.UserInfoEndpoint, accessToken, cancellationToken);
            var root = profile.RootElement;
            return provider switch
            {
                ExternalProvider.Google => new ExternalProfile(
                    Required(root, "sub"), Text(root, "email"), Flag(root, "email_verified"), null, Text(root, "name")),
                ExternalProvider.GitHub => await GitHubProfileAsync(root, settings, accessToken, cancellationToken),
                ExternalProvider.Discord => new ExternalProfile(
                    Required(root, "id"), Text(root, "email"), Flag(root, "verified"), Text(root, "username"), Text(root, "global_name")),
                _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OAuthProviderException($"{provider.ToName()}: {ex.GetType().Name}", ex);
        }
    }

    private async Task<ExternalProfile> GitHubProfileAsync(JsonElement user, OAuthProviderOptions settings, string accessToken, CancellationToken cancellationToken)
    {
        // /user shows only a public address; the list has every address with its verified flag.
        using var emails = await GetJsonAsync(settings.EmailsEndpoint!, accessToken, cancellationToken);
        var primary = emails.RootElement.EnumerateArray().FirstOrDefault(e => Flag(e, "primary"));
        var hasPrimary = primary.ValueKind == JsonValueKind.Object;
        return new ExternalProfile(
            Required(user, "id"), hasPrimary ? Text(primary, "email") : null, hasPrimary && Flag(primary, "verified"), Text(user, "login"), Text(user, "name"));
    }

    private async Task<string> ExchangeCodeAsync(ExternalProvider provider, OAuthProviderOptions settings, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = _options.CallbackUrl(provider),
                ["client_id"] = settings.ClientId!,
                ["client_secret"] = settings.ClientSecret!,
                ["code_verifier"] = codeVerifier,
            }),
        };
        // GitHub answers form-encoded unless asked for JSON.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        using var body = await ReadJsonAsync(response, cancellationToken);
        // GitHub refuses with 200 and an "error" member.
        if (body.RootElement.TryGetProperty("error", out _))
        {
            throw new HttpRequestException("the token endpoint refused the code");
        }

        return Required(body.RootElement, "access_token");
    }

    private async Task<JsonDocument> GetJsonAsync(string url, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from the provider", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static string Required(JsonElement element, string name) =>
        Text(element, name) ?? throw new InvalidOperationException($"the provider's answer has no '{name}'");

    // Google has sent email_verified both as a boolean and as the string "true".
    private static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
