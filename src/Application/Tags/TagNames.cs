using FluentValidation;
using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Application.Tags;

/// <summary>A tag named in a path or body is read as items store it (the tracks' normalisation: lower case, one space).</summary>
public static class TagNames
{
    public static string Normalize(string name) => TrackRules.NormalizeTags([name]).Single();

    public static bool IsValid(string? name) => !string.IsNullOrWhiteSpace(name) && TryNormalizeList(name, out var tags) && tags.Count == 1;

    /// <summary>A comma list as items store it (<see cref="TrackRules.ParseTagList"/>); false when a tag breaks the rules or there are too many.</summary>
    public static bool TryNormalizeList(string? commaList, out IReadOnlyList<string> tags)
    {
        try
        {
            tags = TrackRules.ParseTagList(commaList);
            return true;
        }
        catch (DomainException)
        {
            tags = [];
            return false;
        }
    }

    public static IRuleBuilderOptions<T, string> MustBeATag<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.Must(IsValid).WithMessage($"{field} is a tag: 1 to {TrackRules.TagMaxLength} letters, digits, spaces, '-', '_' or '&'.");
}
