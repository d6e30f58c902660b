using Microsoft.Extensions.Options;
using Veza.Domain.Identities;

namespace Veza.Infrastructure.OAuth;

/// <summary>
/// Sign-in with outside providers (section OAuth). A provider is on when it has a ClientId; ids and
/// secrets come from the environment (OAuth__Providers__google__ClientSecret), never from a committed file.
/// Endpoints default to the real providers'; tests point them at a local mock.
/// </summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>The API's public base URL (https://api.example.com): the callback registered at each provider is {this}/api/v1/auth/oauth/{provider}/callback.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>The frontend pages a sign-in may return to, compared exactly (no prefix, no pattern).</summary>
    public List<string> AllowedRedirectUris { get; set; } = [];

    public OAuthProvidersOptions Providers { get; set; } = new();

    public string CallbackUrl(ExternalProvider provider) => $"{CallbackBaseUrl!.TrimEnd('/')}/api/v1/auth/oauth/{provider.ToName()}/callback";
}

public sealed class OAuthProvidersOptions
{
    public OAuthProviderOptions Google { get; set; } = new()
    {
        AuthorizationEndpoint = "https://accounts.google.com/o/oauth2/v2/auth",
        TokenEndpoint = "https://oauth2.googleapis.com/token",
        UserInfoEndpoint = "https://openidconnect.googleapis.com/v1/userinfo",
        Scopes = "openid email profile",
    };

    public OAuthProviderOptions GitHub { get; set; } = new()
    {
        AuthorizationEndpoint = "https://github.com/login/oauth/authorize",
        TokenEndpoint = "https://github.com/login/oauth/access_token",
        UserInfoEndpoint = "https://api.github.com/user",
        EmailsEndpoint = "https://api.github.com/user/emails",
        Scopes = "read:user user:email",
    };

    public OAuthProviderOptions Discord { get; set; } = new()
    {
        AuthorizationEndpoint = "https://discord.com/oauth2/authorize",
        TokenEndpoint = "https://discord.com/api/oauth2/token",
        UserInfoEndpoint = "https://discord.com/api/users/@me",
        Scopes = "identify email",
    };

    public OAuthProviderOptions For(ExternalProvider provider) => provider switch
    {
        ExternalProvider.Google => Google,
        ExternalProvider.GitHub => GitHub,
        ExternalProvider.Discord => Discord,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}

public sealed class OAuthProviderOptions
{
    /// <summary>Empty: the provider is off (its routes answer 404).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
    public string AuthorizationEndpoint { get; set; } = string.Empty;
    public string TokenEndpoint { get; set; } = string.Empty;
    public string UserInfoEndpoint { get; set; } = string.Empty;

    /// <summary>GitHub only: the list of the account's addresses with their verified flags.</summary>
    public string? EmailsEndpoint { get; set; }

    /// <summary>Space-separated, as sent in the authorization request.</summary>
    public string Scopes { get; set; } = string.Empty;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Checked at start-up: an enabled provider needs its secret and absolute endpoints, and then the callback base is required.</summary>
public sealed class OAuthOptionsValidator : IValidateOptions<OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        var problems = new List<string>();
        var anyEnabled = false;
        foreach (var provider in ExternalProviders.All)
        {
            var settings = options.Providers.For(provider);
            if (!settings.Enabled)
            {
                continue;
            }

            anyEnabled = true;
            var prefix = $"{OAuthOptions.Section}:Providers:{provider.ToName()}";
            if (string.IsNullOrWhiteSpace(settings.ClientSecret))
            {
                problems.Add($"{prefix}:ClientSecret is required when ClientId is set.");
            }

            foreach (var (key, value) in new[]
            {
                ("AuthorizationEndpoint", settings.AuthorizationEndpoint), ("TokenEndpoint", settings.TokenEndpoint), ("UserInfoEndpoint", settings.UserInfoEndpoint),
            }.Concat(provider == ExternalProvider.GitHub ? [("EmailsEndpoint", settings.EmailsEndpoint ?? string.Empty)] : []))
            {
                if (!IsHttpUrl(value))
                {
                    problems.Add($"{prefix}:{key} must be an absolute http(s) URL.");
                }
            }

            if (string.IsNullOrWhiteSpace(settings.Scopes))
            {
                problems.Add($"{prefix}:Scopes is required.");
            }
        }

        if (anyEnabled && !IsHttpUrl(options.CallbackBaseUrl))
        {
            problems.Add($"{OAuthOptions.Section}:CallbackBaseUrl must be the API's absolute public base URL when a provider is enabled.");
        }

        problems.AddRange(options.AllowedRedirectUris.Where(uri => !IsHttpUrl(uri)).Select(uri => $"{OAuthOptions.Section}:AllowedRedirectUris holds a value that is not an absolute http(s) URL ({uri.Length} characters)."));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
