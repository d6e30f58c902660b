using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// <see cref="IFileStorage"/> on an S3-compatible bucket (docs/decisions/0039). A save of up to one part is one PUT;
/// a larger one is a multipart upload fed one part at a time from the caller's stream (never the whole file in
/// memory), completed only when every byte arrived and aborted otherwise: S3 makes an object visible whole at the
/// end of its PUT or completion, so readers see the old object or the new one, and of concurrent saves the last to
/// finish wins whole. Reads are seekable streams over ranged GETs (what the byte routes' Range needs), folders are
/// key prefixes ending in '/', and an unfinished save is an unfinished multipart upload.
/// </summary>
public sealed partial class S3FileStorage(IAmazonS3 s3, IOptions<S3StorageOptions> options, ILogger<S3FileStorage> logger) : IFileStorage
{
    /// <summary>The most keys one DeleteObjects request takes.</summary>
    private const int DeleteBatch = 1000;

    private readonly string _bucket = options.Value.Bucket;
    private readonly int _partSize = options.Value.PartSizeBytes;
    private int _uploadListingUnsupported;

    /// <summary>A client for <paramref name="options"/>: path style as configured, checksums only where S3 requires them (what every compatible server reads).</summary>
    public static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            Timeout = options.RequestTimeout,
            MaxErrorRetry = options.MaxRetries,
            RetryMode = RequestRetryMode.Standard,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        StorageKeys.Validate(key);
        var part = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var filled = await FillAsync(content, part, cancellationToken);
            if (filled < _partSize)
            {
                using var body = new MemoryStream(part, 0, filled, writable: false);
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
                return filled;
            }

            return await UploadInPartsAsync(key, content, part, filled, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(part);
        }
    }

    public async Task<StoredFile?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(StorageKeys.Validate(key), cancellationToken);
        return head is null ? null : new StoredFile(new S3ObjectReadStream(s3, _bucket, key, head.ETag, head.ContentLength), head.ContentLength);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await HeadAsync(StorageKeys.Validate(key), cancellationToken) is not null;

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = StorageKeys.Validate(key) }, cancellationToken);

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var page in ListAsync(FolderOf(prefix), delimiter: null, cancellationToken))
        {
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
        }

        foreach (var batch in keys.Chunk(DeleteBatch))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _bucket,
                Quiet = true,
                Objects = [.. batch.Select(k => new KeyVersion { Key = k })],
            }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new IOException($"S3 kept {errors.Count} objects under '{prefix}/': {errors[0].Key} ({errors[0].Code}).");
            }
        }
    }

    public async Task<IReadOnlyList<string>> ListFoldersAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = FolderOf(prefix);
        var folders = new List<string>();
        await foreach (var page in ListAsync(folder, "/", cancellationToken))
        {
            folders.AddRange((page.CommonPrefixes ?? [])
                .Select(p => p.TrimEnd('/'))
                .Where(p => StorageKeys.IsSegment(p[folder.Length..])));
        }

        return folders;
    }

    public async Task<IReadOnlyList<StoredObject>> ListFilesAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = FolderOf(prefix);
        var files = new List<StoredObject>();
        await foreach (var page in ListAsync(folder, "/", cancellationToken))
        {
            files.AddRange((page.S3Objects ?? [])
                .Where(o => StorageKeys.IsSegment(o.Key[folder.Length..]))
                .Select(o => new StoredObject(o.Key, WrittenAt(o.LastModified))));
        }

        return files;
    }

    public async Task<DateTimeOffset?> LastWrittenAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = FolderOf(prefix);
        DateTimeOffset? last = null;
        await foreach (var page in ListAsync(folder, delimiter: null, cancellationToken))
        {
            foreach (var written in (page.S3Objects ?? []).Select(o => WrittenAt(o.LastModified)))
            {
                last = last is null || written > last ? written : last;
            }
        }

        // A save under way: its upload started when its first part was ready.
        foreach (var written in (await UnfinishedUploadsAsync(folder, cancellationToken)).Select(u => WrittenAt(u.Initiated)))
        {
            last = last is null || written > last ? written : last;
        }

        return last;
    }

    public async Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var upload in await UnfinishedUploadsAsync(null, cancellationToken))
        {
            if (WrittenAt(upload.Initiated) < before && await AbortAsync(upload.Key, upload.UploadId, cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static string FolderOf(string prefix) => StorageKeys.Validate(prefix) + "/";

    private static DateTimeOffset WrittenAt(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : DateTimeOffset.MinValue;

    /// <summary>Reads until <paramref name="buffer"/> holds one part or the stream ends; answers how many bytes it holds.</summary>
    private async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < _partSize && (read = await content.ReadAsync(buffer.AsMemory(filled, _partSize - filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private async Task<long> UploadInPartsAsync(string key, Stream content, byte[] part, int filled, CancellationToken cancellationToken)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken);
        var parts = new List<PartETag>();
        long length = 0;
        try
        {
            while (filled > 0)
            {
                var number = parts.Count + 1;
                using (var body = new MemoryStream(part, 0, filled, writable: false))
                {
                    var uploaded = await s3.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = number,
                        PartSize = filled,
                        InputStream = body,
                        UseChunkEncoding = false,
                    }, cancellationToken);
                    parts.Add(new PartETag(number, uploaded.ETag));
                }

                length += filled;
                filled = await FillAsync(content, part, cancellationToken);
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = parts }, cancellationToken);
            return length;
        }
        catch
        {
            // The object stays as it was; the parts are dropped now or, where the server cannot abort, by the sweep or a bucket lifecycle rule.
            await AbortAsync(key, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    private async Task<bool> AbortAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            LogAbortFailed(logger, key, ex.ErrorCode);
            return false;
        }
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async IAsyncEnumerable<ListObjectsV2Response> ListAsync(string prefix, string? delimiter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, Delimiter = delimiter };
        while (true)
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            yield return page;
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>Multipart uploads begun and neither completed nor aborted; none from a server that cannot list them (said once in the log).</summary>
    private async Task<List<MultipartUpload>> UnfinishedUploadsAsync(string? prefix, CancellationToken cancellationToken)
    {
        var uploads = new List<MultipartUpload>();
        if (Volatile.Read(ref _uploadListingUnsupported) == 1)
        {
            return uploads;
        }

        var request = new ListMultipartUploadsRequest { BucketName = _bucket, Prefix = prefix };
        try
        {
            while (true)
            {
                var page = await s3.ListMultipartUploadsAsync(request, cancellationToken);
                uploads.AddRange(page.MultipartUploads ?? []);
                if (page.IsTruncated != true)
                {
                    return uploads;
                }

                request.KeyMarker = page.NextKeyMarker;
                request.UploadIdMarker = page.NextUploadIdMarker;
            }
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.MethodNotAllowed)
        {
            if (Interlocked.Exchange(ref _uploadListingUnsupported, 1) == 0)
            {
                LogUploadListingUnsupported(logger, ex.ErrorCode);
            }

            return uploads;
        }
    }

    [LoggerMessage(EventId = 3970, Level = LogLevel.Warning,
        Message = "This S3 server cannot list multipart uploads ({ErrorCode}): unfinished uploads are left to a bucket lifecycle rule (AbortIncompleteMultipartUpload)")]
    private static partial void LogUploadListingUnsupported(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 3971, Level = LogLevel.Information, Message = "Could not abort the unfinished upload of {Key} ({ErrorCode})")]
    private static partial void LogAbortFailed(ILogger logger, string key, string errorCode);
}
