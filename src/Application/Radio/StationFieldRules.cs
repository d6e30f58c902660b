using FluentValidation;
using Veza.Domain.Radio;

namespace Veza.Application.Radio;

/// <summary>One set of station field rules for creating and updating a station (the domain's own limits, checked before the handler runs).</summary>
public static class StationFieldRules
{
    public static void StationFields<T>(this AbstractValidator<T> validator, Func<T, string?> name, Func<T, string?> slug, Func<T, string?> description, Func<T, string?> genre, Func<T, string?> visibility, bool required)
    {
        validator.RuleFor(c => name(c)).NotEmpty().MaximumLength(Station.NameMaxLength).When(c => required || name(c) is not null).OverridePropertyName("name");
        validator.RuleFor(c => slug(c)).Must(Station.IsSlug).When(c => required || slug(c) is not null).OverridePropertyName("slug").WithMessage(Station.SlugRule);
        validator.RuleFor(c => description(c)).MaximumLength(Station.DescriptionMaxLength).OverridePropertyName("description");
        validator.RuleFor(c => genre(c)).MaximumLength(Station.GenreMaxLength).OverridePropertyName("genre");
        validator.RuleFor(c => visibility(c)).Must(v => StationNames.TryParseVisibility(v, out _)).When(c => required || visibility(c) is not null)
            .OverridePropertyName("visibility").WithMessage("visibility is public or unlisted.");
    }
}
