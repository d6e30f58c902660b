using FluentValidation;
using Veza.Domain.Playlists;
using Veza.Domain.Tracks;

namespace Veza.Application.Playlists;

/// <summary>The field rules create and update share, before the aggregate checks them again.</summary>
internal static class PlaylistFieldRules
{
    public static readonly string VisibilityMessage = "visibility must be one of: public, unlisted, private.";

    public static IRuleBuilderOptions<T, string?> PlaylistTitle<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => t is null || t.Trim().Length is > 0 and <= PlaylistRules.TitleMaxLength)
            .WithMessage($"title is 1 to {PlaylistRules.TitleMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> PlaylistDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(d => d is null || d.Trim().Length <= PlaylistRules.DescriptionMaxLength)
            .WithMessage($"description is at most {PlaylistRules.DescriptionMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> PlaylistVisibility<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || TrackNames.TryParseVisibility(v, out _)).WithMessage(VisibilityMessage);

    public static TrackVisibility? ParseVisibility(string? name) =>
        name is null ? null : TrackNames.TryParseVisibility(name, out var v) ? v : throw new InvalidOperationException("The validator lets only known visibilities through.");
}
