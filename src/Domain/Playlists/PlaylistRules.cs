using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Domain.Playlists;

/// <summary>The limits on a playlist.</summary>
public static class PlaylistRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 5000;
    public const int MaxTracks = 1000;

    public static string CheckTitle(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0 || trimmed.Length > TitleMaxLength)
        {
            throw new DomainException($"A playlist title is 1 to {TitleMaxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>Trimmed; empty or blank is no description.</summary>
    public static string? CheckDescription(string? description) =>
        TrackRules.CheckOptional(description, DescriptionMaxLength, "A description");
}
