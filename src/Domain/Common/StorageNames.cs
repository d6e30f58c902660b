namespace Veza.Domain.Common;

/// <summary>Reads back the ids the storage key builders write into keys (32 lowercase hex digits, <c>Guid.ToString("N")</c>).</summary>
public static class StorageNames
{
    private const int IdLength = 32;

    /// <summary>The id a folder's key ends with (<c>tracks/{id}</c>), or null when its last segment is not one.</summary>
    public static Guid? FolderId(string key) => Parse(key.AsSpan(key.LastIndexOf('/') + 1));

    /// <summary>The id a file's name carries right after <paramref name="lead"/> and before a '-' (<c>artwork-{id}-512.webp</c>), or null.</summary>
    public static Guid? IdAfter(string key, string lead)
    {
        var name = key.AsSpan(key.LastIndexOf('/') + 1);
        return name.Length > lead.Length + IdLength && name.StartsWith(lead, StringComparison.Ordinal) && name[lead.Length + IdLength] == '-'
            ? Parse(name.Slice(lead.Length, IdLength))
            : null;
    }

    private static Guid? Parse(ReadOnlySpan<char> text) =>
        text.Length == IdLength && !text.ContainsAnyInRange('A', 'F') && Guid.TryParseExact(text, "N", out var id) ? id : null;
}
