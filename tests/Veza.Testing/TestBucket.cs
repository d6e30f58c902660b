using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Veza.Testing;

/// <summary>A bucket of its own on the S3 server build/test.sh started, for one fixture; emptied and removed afterwards.</summary>
public sealed class TestBucket : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private TestBucket(string name, AmazonS3Client client)
    {
        Name = name;
        Client = client;
    }

    public string Name { get; }

    /// <summary>A client of the server, for what tests check behind the adapter's back.</summary>
    public AmazonS3Client Client { get; }

    /// <summary>The Storage:S3:* settings that put a node's files in this bucket (small parts, so multipart is cheap to reach).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:S3:ServiceUrl"] = TestServers.S3,
        ["Storage:S3:Bucket"] = Name,
        ["Storage:S3:AccessKey"] = AccessKey,
        ["Storage:S3:SecretKey"] = SecretKey,
        ["Storage:S3:ForcePathStyle"] = "true",
        ["Storage:S3:PartSizeBytes"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<TestBucket> CreateAsync()
    {
        var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = TestServers.S3,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        var name = "veza-t-" + Guid.NewGuid().ToString("N")[..16];
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return new TestBucket(name, client);
    }

    /// <summary>Every key in the bucket.</summary>
    public async Task<List<string>> KeysAsync()
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Name };
        while (true)
        {
            var page = await Client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            if (page.IsTruncated != true)
            {
                return keys;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var key in await KeysAsync())
        {
            await Client.DeleteObjectAsync(Name, key);
        }

        await Client.DeleteBucketAsync(Name);
        Client.Dispose();
    }
}
