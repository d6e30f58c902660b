using FluentValidation;
using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Application.Tags;

/// <summary>A tag named in a path or body is read as items store it (the tracks' normalisation: lower case, one space).</summary>
public static class TagNames
{
    public static string Normalize(string name) => TrackRules.NormalizeTags([name]).Single();

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return TrackRules.NormalizeTags([name]).Count == 1;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    public static IRuleBuilderOptions<T, string> MustBeATag<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.Must(IsValid).WithMessage($"{field} is a tag: 1 to {TrackRules.TagMaxLength} letters, digits, spaces, '-', '_' or '&'.");
}
