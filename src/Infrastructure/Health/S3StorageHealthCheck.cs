using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Veza.Infrastructure.Storage;

namespace Veza.Infrastructure.Health;

/// <summary>
/// The S3 bucket answers a listing of a prefix nothing is stored under (the permission the adapter needs anyway). Unreachable, uploads and file reads fail but everything else serves,
/// so it reports Degraded (docs/decisions/0039).
/// </summary>
public sealed class S3StorageHealthCheck(IAmazonS3 s3, IOptions<S3StorageOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Value.Bucket, Prefix = "health-probe/", MaxKeys = 1 }, limit.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Degraded("The S3 bucket is unreachable; uploads and stored files wait for it.");
        }
    }
}
