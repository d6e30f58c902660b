using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Veza.Domain.Identities;
using Veza.Domain.Ports;
using Veza.Infrastructure.OAuth;
using Veza.Testing;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The OAuth adapter against the real test provider (build/test-servers/oauth-provider.mjs) playing each provider.</summary>
public class OAuthProviderClientTests
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static OAuthOptions Configured()
    {
        var provider = TestServers.OAuthProvider;
        var options = new OAuthOptions { CallbackBaseUrl = "http://api.veza.test/", AllowedRedirectUris = ["https://app.veza.test/auth/callback"] };
        foreach (var (settings, name, profilePath) in new[]
        {
            (options.Providers.Google, "google", "/userinfo"), (options.Providers.GitHub, "github", "/github/user"), (options.Providers.Discord, "discord", "/discord/users/@me"),
        })
        {
            settings.ClientId = $"{name}-client";
            settings.ClientSecret = $"{name}-secret";
            settings.AuthorizationEndpoint = $"{provider}/authorize";
            settings.TokenEndpoint = $"{provider}/token";
            settings.UserInfoEndpoint = provider + profilePath;
        }

        options.Providers.GitHub.EmailsEndpoint = $"{provider}/github/user/emails";
        return options;
    }

    private static OAuthProviderClient Client(OAuthOptions? options = null) => new(new HttpClient(), Options.Create(options ?? Configured()));

    /// <summary>The browser at the provider as this person: the code the provider sends back.</summary>
    private static async Task<string> CodeForAsync(OAuthProviderClient client, ExternalProvider provider, object person)
    {
        using var response = await Browser.GetAsync(QueryHelpers.AddQueryString(client.BuildAuthorizationUrl(provider, "the-state", Verifier), "login_hint", OAuthLoginHint.For(person)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.That(query["state"].ToString(), Is.EqualTo("the-state"));
        return query["code"].ToString();
    }

    [TestCase(ExternalProvider.Google, null)]
    [TestCase(ExternalProvider.GitHub, "Nova Star")]
    [TestCase(ExternalProvider.Discord, "Nova Star")]
    public async Task Each_providers_profile_maps_to_the_same_person(ExternalProvider provider, string? login)
    {
        var client = Client();
        var code = await CodeForAsync(client, provider, new { sub = "12345", email = "nova@example.com", email_verified = true, name = "Nova Star" });

        var profile = await client.FetchProfileAsync(provider, code, Verifier, CancellationToken.None);

        Assert.That(profile, Is.EqualTo(new ExternalProfile("12345", "nova@example.com", true, login, "Nova Star")));
    }

    [TestCase(ExternalProvider.Google)]
    [TestCase(ExternalProvider.GitHub)]
    [TestCase(ExternalProvider.Discord)]
    public async Task An_unverified_address_is_reported_unverified(ExternalProvider provider)
    {
        var client = Client();
        var code = await CodeForAsync(client, provider, new { sub = "12346", email = "nova@example.com", email_verified = false, name = "Nova" });

        var profile = await client.FetchProfileAsync(provider, code, Verifier, CancellationToken.None);

        Assert.That(profile.EmailVerified, Is.False);
    }

    [Test]
    public async Task A_wrong_verifier_a_spent_code_and_an_unknown_code_are_provider_errors()
    {
        var client = Client();
        var code = await CodeForAsync(client, ExternalProvider.Google, new { sub = "1" });
        var spent = await CodeForAsync(client, ExternalProvider.Google, new { sub = "2" });
        await client.FetchProfileAsync(ExternalProvider.Google, spent, Verifier, CancellationToken.None);

        Assert.ThrowsAsync<OAuthProviderException>(() => client.FetchProfileAsync(ExternalProvider.Google, code, Verifier.Replace('d', 'e'), CancellationToken.None));
        Assert.ThrowsAsync<OAuthProviderException>(() => client.FetchProfileAsync(ExternalProvider.Google, spent, Verifier, CancellationToken.None));
        Assert.ThrowsAsync<OAuthProviderException>(() => client.FetchProfileAsync(ExternalProvider.Google, "no-such-code", Verifier, CancellationToken.None));
    }

    [Test]
    public void An_unreachable_provider_is_a_provider_error()
    {
        var options = Configured();
        options.Providers.Google.TokenEndpoint = $"http://127.0.0.1:{FreePort()}/token";
        var client = Client(options);

        Assert.ThrowsAsync<OAuthProviderException>(() => client.FetchProfileAsync(ExternalProvider.Google, "code", Verifier, CancellationToken.None));
    }

    [Test]
    public void The_authorization_url_names_the_callback_the_scopes_and_an_S256_challenge()
    {
        var url = new Uri(Client().BuildAuthorizationUrl(ExternalProvider.GitHub, "s", Verifier));
        var query = QueryHelpers.ParseQuery(url.Query);

        Assert.Multiple(() =>
        {
            Assert.That(query["redirect_uri"].ToString(), Is.EqualTo("http://api.veza.test/api/v1/auth/oauth/github/callback"));
            Assert.That(query["scope"].ToString(), Is.EqualTo("read:user user:email"));
            // RFC 7636 appendix B: this verifier's S256 challenge.
            Assert.That(query["code_challenge"].ToString(), Is.EqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
            Assert.That(query["code_challenge_method"].ToString(), Is.EqualTo("S256"));
            Assert.That(query["response_type"].ToString(), Is.EqualTo("code"));
        });
    }

    [Test]
    public void Only_pages_in_the_allow_list_exactly_are_allowed_and_providers_without_a_client_id_are_off()
    {
        var options = Configured();
        options.Providers.Discord.ClientId = "";
        var client = Client(options);

        Assert.Multiple(() =>
        {
            Assert.That(client.IsAllowedReturnUri("https://app.veza.test/auth/callback"), Is.True);
            Assert.That(client.IsAllowedReturnUri("https://app.veza.test/auth/callback/"), Is.False);
            Assert.That(client.IsAllowedReturnUri("https://app.veza.test/auth/callbacks"), Is.False);
            Assert.That(client.IsEnabled(ExternalProvider.Google), Is.True);
            Assert.That(client.IsEnabled(ExternalProvider.Discord), Is.False);
        });
    }

    [Test]
    public void Start_up_validation_wants_a_secret_absolute_endpoints_and_a_callback_base_for_enabled_providers()
    {
        var validator = new OAuthOptionsValidator();
        var broken = Configured();
        broken.CallbackBaseUrl = null;
        broken.Providers.Google.ClientSecret = "";
        broken.Providers.GitHub.EmailsEndpoint = "/user/emails";
        broken.AllowedRedirectUris.Add("javascript:alert(1)");

        var failures = validator.Validate(null, broken).Failures?.ToArray() ?? [];

        Assert.Multiple(() =>
        {
            Assert.That(validator.Validate(null, Configured()).Succeeded, Is.True);
            // The shipped defaults: every provider off, nothing else needed.
            Assert.That(validator.Validate(null, new OAuthOptions()).Succeeded, Is.True);
            Assert.That(failures, Has.Some.Contains("google:ClientSecret"));
            Assert.That(failures, Has.Some.Contains("github:EmailsEndpoint"));
            Assert.That(failures, Has.Some.Contains("CallbackBaseUrl"));
            Assert.That(failures, Has.Some.Contains("AllowedRedirectUris"));
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
