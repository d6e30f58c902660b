using Veza.Domain.Common;

namespace Veza.Domain.Tracks;

/// <summary>The limits on what a track's owner types and uploads.</summary>
public static class TrackRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 5000;
    public const int GenreMaxLength = 50;
    public const int MaxTags = 10;
    public const int TagMaxLength = 30;

    /// <summary>What the owner of a hidden track reads (the column's size); a longer reason is cut.</summary>
    public const int HiddenReasonMaxLength = 2000;

    /// <summary>Longer sources are refused after probing: nobody streams a 3-hour "track", and it would hold a worker for long.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    /// <summary>
    /// Tags are lower case, trimmed, inner whitespace collapsed to one space, duplicates dropped (first
    /// kept), empty entries ignored. Letters, digits, spaces, '-', '_' and '&amp;' only.
    /// </summary>
    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string> tags)
    {
        var normalized = new List<string>();
        foreach (var raw in tags)
        {
            var tag = string.Join(' ', raw.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (tag.Length == 0 || normalized.Contains(tag))
            {
                continue;
            }

            if (tag.Length > TagMaxLength || !tag.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '&'))
            {
                throw new DomainException($"A tag is at most {TagMaxLength} characters of letters, digits, spaces, '-', '_' and '&'.");
            }

            normalized.Add(tag);
        }

        if (normalized.Count > MaxTags)
        {
            throw new DomainException($"A track has at most {MaxTags} tags.");
        }

        return normalized;
    }

    /// <summary>Splits a multipart field's comma list.</summary>
    public static IReadOnlyList<string> ParseTagList(string? commaList) =>
        string.IsNullOrWhiteSpace(commaList) ? [] : NormalizeTags(commaList.Split(','));

    public static string CheckTitle(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0 || trimmed.Length > TitleMaxLength)
        {
            throw new DomainException($"A title is 1 to {TitleMaxLength} characters.");
        }

        return trimmed;
    }

    public static string? CheckOptional(string? value, int maxLength, string what)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{what} is at most {maxLength} characters.");
        }

        return trimmed;
    }
}
