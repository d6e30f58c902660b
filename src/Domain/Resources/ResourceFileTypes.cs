using Veza.Domain.Gear;
using Veza.Domain.Media;

namespace Veza.Domain.Resources;

/// <summary>
/// What a shared file is, as its first bytes say (never its name). <see cref="Audio"/> is set for audio the pipeline
/// can probe; <see cref="Extension"/> for types with one true extension, which the file's name then takes.
/// </summary>
public sealed record ResourceFileType(string Name, string ContentType, AudioFormat? Audio = null, string? Extension = null);

/// <summary>
/// Presets and projects come in formats without end (many are a vendor's binary or XML), so any file is accepted and
/// recorded for what it is, served as an attachment whatever it is; only programs are refused, a shared library of
/// samples being no place for them.
/// </summary>
public static class ResourceFileTypes
{
    public const int HeaderLength = GearFileFormats.HeaderLength;

    public static readonly ResourceFileType Binary = new("binary", "application/octet-stream");

    /// <summary>The type, or null for an executable (PE, ELF, Mach-O, a script with a #! line).</summary>
    public static ResourceFileType? Detect(ReadOnlySpan<byte> header)
    {
        if (IsExecutable(header))
        {
            return null;
        }

        if (AudioFormats.Detect(header) is { } audio)
        {
            return new ResourceFileType(AudioFormats.Extension(audio), AudioFormats.ContentType(audio), audio, "." + AudioFormats.Extension(audio));
        }

        if (header.StartsWith("MThd"u8))
        {
            return new ResourceFileType("midi", "audio/midi", Extension: ".mid");
        }

        if (header.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }))
        {
            return new ResourceFileType("zip", "application/zip");
        }

        if (header.StartsWith(new byte[] { 0x1F, 0x8B }))
        {
            return new ResourceFileType("gzip", "application/gzip");
        }

        if (GearFileFormats.Detect(header) is { } document)
        {
            // Text keeps its own name (presets are often JSON or XML); documents and images take their type's extension.
            return new ResourceFileType(
                document.ToString().ToLowerInvariant(), GearFileFormats.ContentType(document), Extension: document == GearFileFormat.Text ? null : GearFileNames.Extension(document));
        }

        return Binary;
    }

    /// <summary>
    /// The name a file is kept and served under: cleaned, with its type's extension when it has one, else its own; null
    /// when that own extension would make a program of it where it lands (a script is text, an installer binary).
    /// </summary>
    public static string? SafeFileName(string? fileName, ResourceFileType type)
    {
        var name = GearFileNames.SanitiseKeepingExtension(fileName);
        if (type.Extension is { } extension)
        {
            return Path.GetFileNameWithoutExtension(name) + extension;
        }

        return ProgramExtensions.Contains(Path.GetExtension(name)) ? null : name;
    }

    private static readonly HashSet<string> ProgramExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".com", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".msi", ".msp", ".scr", ".pif",
        ".cpl", ".dll", ".jar", ".sh", ".bash", ".zsh", ".command", ".app", ".apk", ".lnk", ".reg", ".py", ".pl", ".rb", ".php", ".appimage", ".deb", ".rpm",
    };

    private static bool IsExecutable(ReadOnlySpan<byte> header) =>
        header.StartsWith("MZ"u8)
        || header.StartsWith(new byte[] { 0x7F, 0x45, 0x4C, 0x46 })
        || header.StartsWith("#!"u8)
        || header.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF, 0x23, 0x21 })
        || header.StartsWith(new byte[] { 0xCF, 0xFA, 0xED, 0xFE })
        || header.StartsWith(new byte[] { 0xCE, 0xFA, 0xED, 0xFE })
        || header.StartsWith(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE });
}
