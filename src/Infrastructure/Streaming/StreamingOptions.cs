using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Streaming;

/// <summary>
/// Keys and lifetime of signed stream URLs. Without configured keys, one key is derived from the JWT signing
/// key (HKDF, its own purpose label), so a single node needs nothing more; a rotation configures keys
/// explicitly: the new one as <see cref="CurrentKeyId"/>, the old one still listed until its URLs expire.
/// </summary>
public sealed class StreamingOptions : IValidatableObject
{
    public const string Section = "Streaming";

    /// <summary>Accepted keys: id (1-16 of [A-Za-z0-9_-]) and secret (at least 32 characters). Secrets only from configuration or the environment.</summary>
    public List<StreamSigningKey> Keys { get; set; } = [];

    /// <summary>The key new URLs are signed with; defaults to the last listed.</summary>
    public string? CurrentKeyId { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a node remembers a track's renditions for the byte routes (0 reads the database on every request).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan TrackCacheLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many files the byte routes keep open between requests (least recently used beyond it are closed).</summary>
    [Range(1, 65_536)]
    public int OpenFileCacheSize { get; set; } = 256;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in Keys)
        {
            if (string.IsNullOrEmpty(key.Id) || key.Id.Length > 16 || !key.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                yield return new ValidationResult("Streaming:Keys:*:Id is 1-16 characters of letters, digits, '_' and '-'.");
            }

            if (string.IsNullOrEmpty(key.Secret) || key.Secret.Length < 32)
            {
                yield return new ValidationResult($"Streaming:Keys secret of '{key.Id}' must be at least 32 characters.");
            }
        }

        if (Keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != Keys.Count)
        {
            yield return new ValidationResult("Streaming:Keys ids must be distinct.");
        }

        if (CurrentKeyId is { } current && Keys.All(k => k.Id != current))
        {
            yield return new ValidationResult($"Streaming:CurrentKeyId '{current}' is not among Streaming:Keys.");
        }
    }
}

public sealed class StreamSigningKey
{
    public string Id { get; set; } = string.Empty;
    public string Secret { get; set; } = string.Empty;
}
