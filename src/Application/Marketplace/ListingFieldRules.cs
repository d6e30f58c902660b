using FluentValidation;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;

namespace Veza.Application.Marketplace;

/// <summary>The field rules listing and offer requests share (400 with the field named), before the entity checks them again.</summary>
public static class ListingFieldRules
{
    public static IRuleBuilderOptions<T, string?> ListingTitle<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => t is null || t.Trim().Length is >= MarketRules.TitleMinLength and <= MarketRules.TitleMaxLength)
            .WithMessage($"title is {MarketRules.TitleMinLength} to {MarketRules.TitleMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> MaxText<T>(this IRuleBuilder<T, string?> rule, int max, string field) =>
        rule.Must(t => t is null || t.Trim().Length <= max).WithMessage($"{field} is at most {max} characters.");

    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule, string field)
        where TEnum : struct, Enum =>
        rule.Must(v => v is null || WireNames.TryParse<TEnum>(v, out _)).WithMessage($"{field} is one of: {string.Join(", ", WireNames.All<TEnum>())}.");

    public static IRuleBuilderOptions<T, decimal?> Amount<T>(this IRuleBuilder<T, decimal?> rule, string field) =>
        rule.Must(a => a is null || MarketRules.IsAmount(a.Value))
            .WithMessage($"{field} is more than 0 and at most {MarketRules.Format(MarketRules.MaxAmount)}, with at most two decimals (such as \"49.90\").");

    public static IRuleBuilderOptions<T, string?> Currency<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || MarketRules.IsCurrency(c)).WithMessage("currency is an ISO 4217 code in capitals, such as EUR or USD.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ListingTags<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(tags => tags is null || Valid(() => Domain.Tracks.TrackRules.NormalizeTags(tags)))
            .WithMessage($"tags: at most {Domain.Tracks.TrackRules.MaxTags}, each at most {Domain.Tracks.TrackRules.TagMaxLength} characters of letters, digits, spaces, '-', '_' and '&'.");

    public static TEnum? ParseOptional<TEnum>(string? name)
        where TEnum : struct, Enum => name is not null && WireNames.TryParse<TEnum>(name, out var value) ? value : null;

    private static bool Valid(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }
}
