using System.Text;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Upload;

/// <summary>What an uploaded file's name may still be used for: a provisional title (never a storage key).</summary>
public static class UploadFileNames
{
    public const string Untitled = "Untitled";

    /// <summary>
    /// The name's stem as a title: the last path segment (either separator), without its extension,
    /// underscores as spaces, control and format characters dropped, whitespace collapsed, cut to the
    /// title limit; <see cref="Untitled"/> when nothing is left.
    /// </summary>
    public static string TitleFrom(string? fileName)
    {
        var name = fileName ?? string.Empty;
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[..dot];
        }

        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value == '_' || Rune.IsWhiteSpace(rune))
            {
                kept.Append(' ');
            }
            else if (category is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                     or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.OtherNotAssigned))
            {
                kept.Append(rune.ToString());
            }
        }

        var title = string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (title.Length > TrackRules.TitleMaxLength)
        {
            title = title[..TrackRules.TitleMaxLength].TrimEnd();
            if (char.IsHighSurrogate(title[^1]))
            {
                title = title[..^1];
            }
        }

        return title.Length == 0 ? Untitled : title;
    }
}
