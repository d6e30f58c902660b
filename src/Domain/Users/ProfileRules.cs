namespace Veza.Domain.Users;

/// <summary>The one definition of what a profile may hold, shared by the entity and the validators.</summary>
public static class ProfileRules
{
    public const int NameMaxLength = 50;
    public const int DisplayNameMaxLength = 50;
    public const int BioMaxLength = 500;
    public const int LocationMaxLength = 100;
    public const int MaxLinks = 5;
    public const int LinkMaxLength = 2048;

    public static bool IsValidLink(string? link) =>
        link is { Length: > 0 and <= LinkMaxLength }
        && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    public static bool AreValidLinks(IReadOnlyCollection<string>? links) =>
        links is null || (links.Count <= MaxLinks && links.All(IsValidLink));

    /// <summary>Null when the text fits, otherwise what is wrong with it.</summary>
    public static string? Check(string? text, int maxLength, string field) =>
        text is { Length: var length } && length > maxLength ? $"{field} must be at most {maxLength} characters." : null;
}
