namespace Veza.Application.Users;

/// <summary>The one way a search term is compared: trimmed and lower-case (usernames are lower-case, display names compared lower-cased).</summary>
public static class SearchText
{
    public const int MaxLength = 100;

    public static string Normalize(string text) => text.Trim().ToLowerInvariant();
}
