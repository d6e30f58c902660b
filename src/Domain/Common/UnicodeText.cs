using System.Buffers;
using System.Globalization;
using System.Text;

namespace Veza.Domain.Common;

/// <summary>Which characters text may hold, defined once for every rule that refuses some.</summary>
public static class UnicodeText
{
    // Every C0 and C1 control (category Cc) and every surrogate half: what a control-character check
    // must look at more closely. Plain text has none, so a vectorised scan usually ends the check.
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat(Enumerable.Range(0xD800, 0x800)).Select(i => (char)i)]);

    /// <summary>
    /// True when <paramref name="text"/> holds a control character (Unicode category Cc, U+0000 among
    /// them) or half of a surrogate pair on its own; neither is text, and PostgreSQL refuses NUL outright.
    /// </summary>
    /// <param name="allowLineBreaksAndTabs">Lets \n, \r and \t through, for fields that hold several lines.</param>
    public static bool HasControlCharacter(ReadOnlySpan<char> text, bool allowLineBreaksAndTabs = false)
    {
        for (var i = text.IndexOfAny(Suspects); i >= 0; i = NextSuspect(text, i))
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!(allowLineBreaksAndTabs && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="text"/> holds a character that shows nothing or nothing reliable, so
    /// two strings differing by it look the same: controls, format characters (U+200B zero-width space,
    /// U+00AD soft hyphen, U+FEFF...), spaces, unassigned and private-use code points, lone surrogates
    /// and the blank-rendering letters and selectors listed below. For identifiers, never for prose.
    /// </summary>
    public static bool HasInvisibleCharacter(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done || IsInvisible(rune))
            {
                return true;
            }

            span = span[consumed..];
        }

        return false;
    }

    private static int NextSuspect(ReadOnlySpan<char> text, int current)
    {
        var next = text[(current + 1)..].IndexOfAny(Suspects);
        return next < 0 ? -1 : current + 1 + next;
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || IsBlankButNotFormat(rune.Value);

    // Default_Ignorable_Code_Point characters outside category Cf (Hangul fillers, which are letters;
    // variation selectors and the combining grapheme joiner, which are marks; Khmer inherent vowels),
    // plus the braille blank, a symbol: all render as nothing, or as a blank, in common fonts.
    private static bool IsBlankButNotFormat(int codePoint) => codePoint is
        0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x2800 or 0x3164
        or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xE0100 and <= 0xE01EF);
}
