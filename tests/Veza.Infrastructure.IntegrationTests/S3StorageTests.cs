using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Veza.Domain.Ports;
using Veza.Infrastructure.Storage;
using Veza.Testing;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>
/// The S3 adapter of the file storage port against a real S3-protocol server (s3rver, started by build/test.sh), a
/// bucket per test: the shared contract, multipart uploads, unfinished uploads, and its settings.
/// </summary>
public class S3StorageTests : FileStorageContractTests
{
    private TestBucket _bucket = null!;
    private AmazonS3Client _client = null!;
    private S3StorageOptions _options = null!;

    protected override bool ReplacedWhileReadFails => true;

    protected override string? AtomicReplacementUnsupportedBecause =>
        "s3rver writes an object's file in place (fs.createWriteStream): a GET or a concurrent PUT meanwhile meets a partial file; S3 makes a PUT visible whole";

    protected override async Task<IFileStorage> CreateStorageAsync()
    {
        _bucket = await TestBucket.CreateAsync();
        _options = Options(_bucket.Settings);
        // The real client, watched: what the adapter sent is counted.
        _client = Substitute.ForPartsOf<AmazonS3Client>(new BasicAWSCredentials(_options.AccessKey, _options.SecretKey), S3FileStorage.CreateClient(_options).Config);
        return new S3FileStorage(_client, Microsoft.Extensions.Options.Options.Create(_options), NullLogger<S3FileStorage>.Instance);
    }

    protected override Task DeleteStorageAsync() => _bucket.DisposeAsync().AsTask();

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    protected override async Task<IReadOnlyList<string>> EverythingInAsync(string folder) =>
        [.. (await _bucket.KeysAsync()).Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal)).Select(k => k[(folder.Length + 1)..]).Order()];

    [Test]
    public async Task A_file_above_the_part_size_is_streamed_up_in_parts_and_reads_back_whole_and_in_ranges()
    {
        const long size = (12 * 1024 * 1024) + 12345;
        var source = new GeneratedStream(size);

        var length = await Storage.SaveAsync("tracks/t1/original", source, CancellationToken.None);

        await _client.Received(1).InitiateMultipartUploadAsync(Arg.Any<InitiateMultipartUploadRequest>(), Arg.Any<CancellationToken>());
        await _client.Received(3).UploadPartAsync(Arg.Is<UploadPartRequest>(r => r.PartSize <= _options.PartSizeBytes), Arg.Any<CancellationToken>());
        await _client.DidNotReceive().PutObjectAsync(Arg.Any<PutObjectRequest>(), Arg.Any<CancellationToken>());
        await using var file = await Storage.OpenReadAsync("tracks/t1/original", CancellationToken.None);
        Assert.That((length, file!.Length), Is.EqualTo((size, size)));
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await file.Content.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            Assert.That(hash.GetHashAndReset(), Is.EqualTo(GeneratedStream.Sha256(size)));
        }

        // A range across the first part's end.
        var from = _options.PartSizeBytes - 100;
        file.Content.Seek(from, SeekOrigin.Begin);
        var range = new byte[200];
        await file.Content.ReadExactlyAsync(range);
        Assert.That(range, Is.EqualTo(Enumerable.Range(from, 200).Select(i => GeneratedStream.ByteAt(i)).ToArray()));
    }

    [Test]
    public async Task A_file_of_one_part_or_less_is_one_put()
    {
        await Storage.SaveAsync("a/small.bin", new MemoryStream(new byte[1000]), CancellationToken.None);

        await _client.Received(1).PutObjectAsync(Arg.Any<PutObjectRequest>(), Arg.Any<CancellationToken>());
        await _client.DidNotReceive().InitiateMultipartUploadAsync(Arg.Any<InitiateMultipartUploadRequest>(), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_multipart_save_that_breaks_off_keeps_the_previous_file_and_shows_no_new_one()
    {
        await Storage.SaveAsync("tracks/t1/original", new MemoryStream([1, 2, 3]), CancellationToken.None);

        Assert.ThrowsAsync<IOException>(() => Storage.SaveAsync("tracks/t1/original", new GeneratedStream(20L * 1024 * 1024, failAt: 11L * 1024 * 1024), CancellationToken.None));

        await _client.Received(2).UploadPartAsync(Arg.Any<UploadPartRequest>(), Arg.Any<CancellationToken>());
        await _client.DidNotReceive().CompleteMultipartUploadAsync(Arg.Any<CompleteMultipartUploadRequest>(), Arg.Any<CancellationToken>());
        await _client.Received(1).AbortMultipartUploadAsync(Arg.Any<AbortMultipartUploadRequest>(), Arg.Any<CancellationToken>());
        await using var file = await Storage.OpenReadAsync("tracks/t1/original", CancellationToken.None);
        Assert.That(file!.Length, Is.EqualTo(3));
        Assert.That(await EverythingInAsync("tracks/t1"), Is.EqualTo(new[] { "original" }));
        Assert.That(await Storage.ListFilesAsync("tracks/t1", CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Listings_and_prefix_deletes_page_past_a_thousand_keys()
    {
        var keys = Enumerable.Range(0, 1010).Select(i => $"tracks/t1/hls/96k/segment-{i:D4}.ts").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) => await Storage.SaveAsync(key, new MemoryStream([1]), ct));

        Assert.That((await Storage.ListFilesAsync("tracks/t1/hls/96k", CancellationToken.None)).Select(f => f.Key), Is.EquivalentTo(keys));

        await Storage.DeletePrefixAsync("tracks/t1", CancellationToken.None);

        Assert.That(await _bucket.KeysAsync(), Is.Empty);
    }

    [Test]
    public async Task The_abandoned_write_sweep_survives_a_server_that_cannot_list_uploads()
    {
        await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket.Name, Key = "tracks/t1/original" });

        var swept = await Storage.DeleteAbandonedWritesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        // s3rver answers NotImplemented to ListMultipartUploads: nothing is found, and the sweep goes on.
        Assert.That(swept, Is.Zero);
        Assert.That(await Storage.ListFoldersAsync("tracks", CancellationToken.None), Is.Empty, "an unfinished upload is no file");
    }

    [Test]
    public async Task A_file_replaced_while_it_is_read_fails_the_read_instead_of_mixing_versions()
    {
        await Storage.SaveAsync("a/b.bin", new MemoryStream(new byte[4000]), CancellationToken.None);
        await using var file = await Storage.OpenReadAsync("a/b.bin", CancellationToken.None);
        await Storage.SaveAsync("a/b.bin", new MemoryStream(Enumerable.Repeat((byte)7, 4000).ToArray()), CancellationToken.None);

        Assert.ThrowsAsync<IOException>(async () => await file!.Content.ReadExactlyAsync(new byte[100]));
    }

    [TestCase("Storage:S3:ServiceUrl", "http://127.0.0.1:9000", "Storage:S3:Bucket", null, "Bucket is required")]
    [TestCase("Storage:S3:Bucket", "Not_A_Bucket", null, null, "not a valid bucket name")]
    [TestCase("Storage:S3:ServiceUrl", "ftp://x", null, null, "absolute http(s) URL")]
    [TestCase("Storage:S3:SecretKey", "", null, null, "SecretKey are required")]
    [TestCase("Storage:S3:PartSizeBytes", "1048576", null, null, "PartSizeBytes must be between")]
    [TestCase("Storage:S3:Region", "", null, null, "Region is required")]
    public void Settings_that_cannot_work_are_refused_at_start_up(string key, string value, string? otherKey, string? otherValue, string expected)
    {
        var settings = new Dictionary<string, string?>(_bucket.Settings) { [key] = value };
        if (otherKey is not null)
        {
            settings[otherKey] = otherValue;
        }

        var options = Options(settings);
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);

        Assert.That(errors.Select(e => e.ErrorMessage), Has.Some.Contains(expected));
    }

    [Test]
    public void The_test_bucket_s_settings_are_valid() =>
        Assert.That(Validator.TryValidateObject(_options, new ValidationContext(_options), [], validateAllProperties: true), Is.True);

    private static S3StorageOptions Options(IReadOnlyDictionary<string, string?> settings)
    {
        var options = new S3StorageOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(S3StorageOptions.Section).Bind(options);
        return options;
    }

    /// <summary>A long file made up as it is read (never held whole), optionally breaking off at <c>failAt</c>.</summary>
    private sealed class GeneratedStream(long length, long failAt = long.MaxValue) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public static byte ByteAt(long position) => (byte)((position * 31) ^ (position >> 11));

        public static byte[] Sha256(long length)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            for (long at = 0; at < length; at += buffer.Length)
            {
                var count = (int)Math.Min(buffer.Length, length - at);
                for (var i = 0; i < count; i++)
                {
                    buffer[i] = ByteAt(at + i);
                }

                hash.AppendData(buffer, 0, count);
            }

            return hash.GetHashAndReset();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAt)
            {
                throw new IOException("the upload broke off");
            }

            var count = (int)Math.Min(Math.Min(buffer.Length, length - _position), 65536);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = ByteAt(_position + i);
            }

            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
