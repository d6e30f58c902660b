using System.Text;

namespace Veza.Domain.Gear;

/// <summary>
/// Recognises a gear file by its first bytes: PDF, PNG, JPEG, WebP, or plain UTF-8 text. Text is what has no
/// NUL byte, decodes as UTF-8 and does not open with markup ('&lt;' after blanks: HTML, SVG and XML are refused,
/// whatever their name says), so nothing a browser would render as a page is ever served as a download of ours.
/// </summary>
public static class GearFileFormats
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int HeaderLength = 4096;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly System.Buffers.SearchValues<byte> Blanks = System.Buffers.SearchValues.Create(" \t\r\n\f\v"u8);

    public static GearFileFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return GearFileFormat.Pdf;
        }

        if (header.StartsWith(PngSignature))
        {
            return GearFileFormat.Png;
        }

        if (header.StartsWith(JpegSignature))
        {
            return GearFileFormat.Jpeg;
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return GearFileFormat.Webp;
        }

        return IsPlainText(header) ? GearFileFormat.Text : null;
    }

    public static string ContentType(GearFileFormat format) => format switch
    {
        GearFileFormat.Pdf => "application/pdf",
        GearFileFormat.Png => "image/png",
        GearFileFormat.Jpeg => "image/jpeg",
        GearFileFormat.Webp => "image/webp",
        GearFileFormat.Text => "text/plain; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static bool IsImage(GearFileFormat format) => format is GearFileFormat.Png or GearFileFormat.Jpeg or GearFileFormat.Webp;

    private static bool IsPlainText(ReadOnlySpan<byte> header)
    {
        if (header.Contains((byte)0))
        {
            return false;
        }

        // A multi-byte character cut by the end of the header is not a reason to refuse: drop up to 3 trailing bytes.
        var decoder = new UTF8Encoding(false, true);
        var valid = false;
        for (var cut = 0; cut <= 3 && cut < header.Length && !valid; cut++)
        {
            try
            {
                decoder.GetCharCount(header[..^cut]);
                valid = true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        if (!valid)
        {
            return false;
        }

        var text = header.StartsWith(Utf8Bom) ? header[3..] : header;
        // Blanks as HTML and MIME sniffing count them (form feed and vertical tab too).
        var first = text.IndexOfAnyExcept(Blanks);
        return first < 0 || text[first] != (byte)'<';
    }
}
