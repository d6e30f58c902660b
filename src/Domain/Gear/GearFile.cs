using Veza.Domain.Common;

namespace Veza.Domain.Gear;

/// <summary>
/// A stored file: either a user's (an invoice, a photo, a warranty paper of one owned gear entry) or a catalog
/// document of a product (a manual, for anyone). The name is the sanitised name shown and downloaded; storage
/// keys are the server's own. Images get a thumbnail; PDFs their page count.
/// </summary>
public sealed class GearFile : Entity
{
    public const int FileNameMaxLength = 200;

    private GearFile()
    {
        FileName = ContentType = StorageKey = string.Empty;
    }

    /// <summary>The owner of a user's file; null for a catalog document.</summary>
    public Guid? OwnerId { get; private set; }

    public Guid? OwnedGearId { get; private set; }
    public Guid? ProductId { get; private set; }
    public GearFileType Type { get; private set; }
    public GearFileFormat Format { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Bytes { get; private set; }
    public string StorageKey { get; private set; }
    public string? ThumbnailKey { get; private set; }
    public int? PageCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsCatalogDocument => ProductId is not null;

    public static GearFile ForOwnedGear(Guid id, OwnedGear gear, GearFileType type, GearFileFormat format, string fileName, long bytes, DateTimeOffset now) =>
        New(id, gear.OwnerId, gear.Id, null, type, format, fileName, bytes, now);

    public static GearFile ForProduct(Guid id, Guid productId, GearFileType type, GearFileFormat format, string fileName, long bytes, DateTimeOffset now) =>
        New(id, null, null, productId, type, format, fileName, bytes, now);

    public void Describe(int? pageCount, bool hasThumbnail)
    {
        PageCount = pageCount;
        ThumbnailKey = hasThumbnail ? GearFileKeys.Thumbnail(Id) : null;
    }

    public void Edit(GearFileType? type, string? fileName, DateTimeOffset now)
    {
        Type = type ?? Type;
        FileName = fileName is null ? FileName : GearFileNames.Sanitise(fileName, Format);
        UpdatedAt = now;
    }

    /// <summary>Whether the viewer may download it: catalog documents for anyone, a user's file for its owner.</summary>
    public bool IsReadableBy(Guid? viewerId) => IsCatalogDocument || (viewerId is { } id && id == OwnerId);

    private static GearFile New(Guid id, Guid? ownerId, Guid? gearId, Guid? productId, GearFileType type, GearFileFormat format, string fileName, long bytes, DateTimeOffset now) => new()
    {
        Id = id,
        OwnerId = ownerId,
        OwnedGearId = gearId,
        ProductId = productId,
        Type = type,
        Format = format,
        FileName = GearFileNames.Sanitise(fileName, format),
        ContentType = GearFileFormats.ContentType(format),
        Bytes = bytes,
        StorageKey = GearFileKeys.Original(id),
        CreatedAt = now,
        UpdatedAt = now,
    };
}

public static class GearFileKeys
{
    /// <summary>The folder every gear file's folder is in.</summary>
    public const string Prefix = "files";

    public static string Original(Guid fileId) => $"{Prefix}/{fileId:N}/original";

    public static string Thumbnail(Guid fileId) => $"{Prefix}/{fileId:N}/thumb-256.webp";

    public const int ThumbnailSize = 256;
}

/// <summary>
/// A name a person gave a file, made safe to show and to put in a Content-Disposition: no path, no control
/// characters, no quotes or separators a header or a file system would read, at most 200 characters, and the
/// extension of what the bytes are (a PDF named "x.html" downloads as "x.pdf").
/// </summary>
public static class GearFileNames
{
    public static string Sanitise(string? name, GearFileFormat format) => Sanitise(name, Extension(format));

    /// <summary>The same cleaning, keeping the name's own extension (cleaned too): shared resources come in formats without end.</summary>
    public static string SanitiseKeepingExtension(string? name)
    {
        var cleaned = Clean(name);
        var extension = Path.GetExtension(cleaned);
        return Sanitise(cleaned, extension.Length is > 1 and <= 16 ? extension : string.Empty);
    }

    private static string Sanitise(string? name, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(Clean(name));
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "file";
        }

        return Truncate(stem, FileNameLimit(extension)) + extension;
    }

    private static string Clean(string? name)
    {
        var baseName = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        return new string([.. UnicodeNormalization.ToNfkc(baseName)
            .Select(c => char.IsControl(c) || c is '"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '_' : c)]).Trim(' ', '.');
    }

    public static string Extension(GearFileFormat format) => format switch
    {
        GearFileFormat.Pdf => ".pdf",
        GearFileFormat.Png => ".png",
        GearFileFormat.Jpeg => ".jpg",
        GearFileFormat.Webp => ".webp",
        GearFileFormat.Text => ".txt",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static int FileNameLimit(string extension) => GearFile.FileNameMaxLength - extension.Length;

    /// <summary>At most <paramref name="limit"/> UTF-16 units, cut between whole characters (an emoji is never split in half).</summary>
    private static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var end = 0;
        while (elements.MoveNext() && elements.ElementIndex + elements.GetTextElement().Length <= limit)
        {
            end = elements.ElementIndex + elements.GetTextElement().Length;
        }

        return text[..end];
    }
}
