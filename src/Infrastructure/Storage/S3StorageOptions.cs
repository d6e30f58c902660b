using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// S3-compatible object storage (Storage:S3:*): used instead of the filesystem when <see cref="Bucket"/> is set
/// (docs/decisions/0039). The keys come from configuration only (environment, secret store), never from code.
/// </summary>
public sealed partial class S3StorageOptions : IValidatableObject
{
    public const string Section = "Storage:S3";

    /// <summary>S3's smallest part (every part of a multipart upload but the last is at least this).</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    public const int MaximumPartSize = 1024 * 1024 * 1024;

    /// <summary>The endpoint of an S3-compatible server (http://127.0.0.1:9000); empty for AWS itself, found from <see cref="Region"/>.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>The bucket every file lives in (created beforehand); setting it switches the S3 adapter on.</summary>
    public string Bucket { get; set; } = string.Empty;

    public string AccessKey { get; set; } = string.Empty;

    public string SecretKey { get; set; } = string.Empty;

    /// <summary>The region requests are signed for (and, without <see cref="ServiceUrl"/>, the AWS endpoint).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket in the path (http://host/bucket/key) rather than the host name: what most self-hosted servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// Files up to this size are stored with one PUT; larger ones are uploaded in parts of this size, one part in
    /// memory at a time (5 MiB to 1 GiB; default 8 MiB).
    /// </summary>
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long one request may take before it is retried (the SDK retries with backoff, <see cref="MaxRetries"/> times).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public int MaxRetries { get; set; } = 3;

    public bool Enabled => !string.IsNullOrWhiteSpace(Bucket);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(ServiceUrl) || !string.IsNullOrWhiteSpace(AccessKey) || !string.IsNullOrWhiteSpace(SecretKey))
            {
                yield return new ValidationResult("Storage:S3:Bucket is required when any other Storage:S3 setting is set.", [nameof(Bucket)]);
            }

            yield break;
        }

        if (!BucketName().IsMatch(Bucket))
        {
            yield return new ValidationResult("Storage:S3:Bucket is not a valid bucket name (3 to 63 of a-z, 0-9, '.' and '-').", [nameof(Bucket)]);
        }

        if (!string.IsNullOrWhiteSpace(ServiceUrl)
            && !(Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Storage:S3:ServiceUrl must be an absolute http(s) URL.", [nameof(ServiceUrl)]);
        }

        if (string.IsNullOrWhiteSpace(AccessKey) || string.IsNullOrWhiteSpace(SecretKey))
        {
            yield return new ValidationResult("Storage:S3:AccessKey and Storage:S3:SecretKey are required with Storage:S3:Bucket.", [nameof(AccessKey), nameof(SecretKey)]);
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            yield return new ValidationResult("Storage:S3:Region is required.", [nameof(Region)]);
        }

        if (PartSizeBytes is < MinimumPartSize or > MaximumPartSize)
        {
            yield return new ValidationResult($"Storage:S3:PartSizeBytes must be between {MinimumPartSize} and {MaximumPartSize}.", [nameof(PartSizeBytes)]);
        }

        if (RequestTimeout <= TimeSpan.Zero || MaxRetries < 0)
        {
            yield return new ValidationResult("Storage:S3:RequestTimeout must be positive and Storage:S3:MaxRetries not negative.", [nameof(RequestTimeout), nameof(MaxRetries)]);
        }
    }

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();
}
