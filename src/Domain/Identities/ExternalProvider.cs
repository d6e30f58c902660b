namespace Veza.Domain.Identities;

/// <summary>An outside account provider a user can sign in with (OAuth 2 authorization code with PKCE).</summary>
public enum ExternalProvider
{
    Google = 0,
    GitHub = 1,
    Discord = 2,
}

public static class ExternalProviders
{
    /// <summary>The name in routes, configuration and the database.</summary>
    public static string ToName(this ExternalProvider provider) => provider switch
    {
        ExternalProvider.Google => "google",
        ExternalProvider.GitHub => "github",
        ExternalProvider.Discord => "discord",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static IReadOnlyList<ExternalProvider> All { get; } = Enum.GetValues<ExternalProvider>();

    /// <summary>Exact, lower-case names only ("google", not "Google").</summary>
    public static bool TryParse(string? name, out ExternalProvider provider)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.Ordinal))
            {
                provider = candidate;
                return true;
            }
        }

        provider = default;
        return false;
    }
}
