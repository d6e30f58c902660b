using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The real API (Program) on a test database; generous rate limits unless a test sets its own, Swagger on.
/// Requests come from 127.0.0.1, as through Kestrel on loopback, unless they name another address in
/// <see cref="RemoteAddressHeader"/> (the in-memory server gives no address at all).
/// </summary>
public sealed class VezaApiFactory(
    string connectionString,
    IReadOnlyDictionary<string, string?>? overrides = null,
    Action<IServiceCollection>? configureServices = null,
    string environment = "Testing") : WebApplicationFactory<Program>
{
    public const string SigningKey = "functional-tests-signing-key-0123456789abcdef";

    /// <summary>The key TOTP secrets are sealed with in tests (base64 of 32 bytes).</summary>
    public const string MfaEncryptionKey = "ZnVuY3Rpb25hbC10ZXN0cy1tZmEta2V5LTAxMjM0NTY=";

    /// <summary>Test-only: the client address the request appears to come from ("none" for no address).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Veza"] = connectionString,
            ["Jwt:SigningKey"] = SigningKey,
            ["Mfa:EncryptionKey"] = MfaEncryptionKey,
            ["RateLimiting:PerIp:PermitLimit"] = "100000",
            ["RateLimiting:PerUser:PermitLimit"] = "100000",
            ["RateLimiting:Policies:register:PermitLimit"] = "100000",
            ["RateLimiting:Policies:login:PermitLimit"] = "100000",
            ["RateLimiting:Policies:refresh:PermitLimit"] = "100000",
            ["RateLimiting:Policies:account-email:PermitLimit"] = "100000",
            ["RateLimiting:Policies:account-token:PermitLimit"] = "100000",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Api:Swagger:Enabled"] = "true",
        };
        foreach (var (key, value) in OAuthProviderSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressStartupFilter>());
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    /// <summary>The frontend page OAuth sign-ins return to in tests (the only one allowed).</summary>
    public const string OAuthReturnPage = "https://app.veza.test/auth/callback";

    /// <summary>The API's public base in tests: the provider sends the browser to its callback there.</summary>
    public const string OAuthCallbackBase = "http://api.veza.test";

    /// <summary>The three providers, each played by the test OAuth server (build/test-servers/oauth-provider.mjs).</summary>
    private static IEnumerable<KeyValuePair<string, string?>> OAuthProviderSettings()
    {
        var provider = TestServers.OAuthProvider;
        yield return new("OAuth:CallbackBaseUrl", OAuthCallbackBase);
        yield return new("OAuth:AllowedRedirectUris:0", OAuthReturnPage);
        foreach (var (name, profilePath) in new[] { ("google", "/userinfo"), ("github", "/github/user"), ("discord", "/discord/users/@me") })
        {
            yield return new($"OAuth:Providers:{name}:ClientId", $"veza-{name}-client");
            yield return new($"OAuth:Providers:{name}:ClientSecret", $"veza-{name}-secret");
            yield return new($"OAuth:Providers:{name}:AuthorizationEndpoint", $"{provider}/authorize");
            yield return new($"OAuth:Providers:{name}:TokenEndpoint", $"{provider}/token");
            yield return new($"OAuth:Providers:{name}:UserInfoEndpoint", provider + profilePath);
        }

        yield return new("OAuth:Providers:github:EmailsEndpoint", $"{provider}/github/user/emails");
    }

    /// <summary>Runs before the API's own pipeline, so everything in it sees the address a test chose.</summary>
    private sealed class RemoteAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var chosen = context.Request.Headers[RemoteAddressHeader].ToString();
                context.Connection.RemoteIpAddress = chosen switch
                {
                    "" => context.Connection.RemoteIpAddress ?? IPAddress.Loopback,
                    "none" => null,
                    _ => IPAddress.Parse(chosen),
                };
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
