using System.Security.Cryptography;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>
/// The file storage port's contract, run against every adapter on its real backing store (a fixture per adapter
/// derives from this one and adds what only it has).
/// </summary>
public abstract class FileStorageContractTests
{
    protected IFileStorage Storage { get; private set; } = null!;

    /// <summary>
    /// True where a reader whose file is replaced mid-read fails (S3 keeps no old version for it) rather than reading
    /// the old file to its end (the filesystem keeps the open file); either way it never sees a mix or a partial file.
    /// </summary>
    protected virtual bool ReplacedWhileReadFails => false;

    /// <summary>Why the backing store itself does not replace a file atomically (a test server's shortcut), or null.</summary>
    protected virtual string? AtomicReplacementUnsupportedBecause => null;

    [SetUp]
    public async Task CreateStorage() => Storage = await CreateStorageAsync();

    [TearDown]
    public Task DeleteStorage() => DeleteStorageAsync();

    protected abstract Task<IFileStorage> CreateStorageAsync();

    protected abstract Task DeleteStorageAsync();

    /// <summary>The names of everything the backing store holds directly in <paramref name="folder"/>, unfinished saves included.</summary>
    protected abstract Task<IReadOnlyList<string>> EverythingInAsync(string folder);

    [Test]
    public async Task A_saved_file_reads_back_whole_and_leaves_nothing_else_behind()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var length = await Storage.SaveAsync("avatars/u1/v1-512.webp", new MemoryStream(bytes), CancellationToken.None);
        await using var file = await Storage.OpenReadAsync("avatars/u1/v1-512.webp", CancellationToken.None);

        Assert.That(file, Is.Not.Null);
        using var copy = new MemoryStream();
        await file!.Content.CopyToAsync(copy);
        Assert.Multiple(async () =>
        {
            Assert.That(length, Is.EqualTo(bytes.Length));
            Assert.That(file.Length, Is.EqualTo(bytes.Length));
            Assert.That(copy.ToArray(), Is.EqualTo(bytes));
            Assert.That(await Storage.ExistsAsync("avatars/u1/v1-512.webp", CancellationToken.None), Is.True);
            Assert.That(await EverythingInAsync("avatars/u1"), Is.EqualTo(new[] { "v1-512.webp" }), "only the target, no temporary left");
        });
    }

    [Test]
    public async Task An_empty_file_is_a_file()
    {
        Assert.That(await Storage.SaveAsync("a/empty.bin", new MemoryStream(), CancellationToken.None), Is.Zero);

        await using var file = await Storage.OpenReadAsync("a/empty.bin", CancellationToken.None);
        Assert.That(file!.Length, Is.Zero);
        Assert.That(await file.Content.ReadAsync(new byte[10]), Is.Zero);
    }

    [Test]
    public async Task A_missing_file_reads_as_null_does_not_exist_and_deletes_quietly()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await Storage.OpenReadAsync("avatars/none/v-128.webp", CancellationToken.None), Is.Null);
            Assert.That(await Storage.ExistsAsync("avatars/none/v-128.webp", CancellationToken.None), Is.False);
        });
        Assert.DoesNotThrowAsync(() => Storage.DeleteAsync("avatars/none/v-128.webp", CancellationToken.None));
    }

    [Test]
    public async Task Delete_removes_the_file_and_a_second_delete_is_harmless()
    {
        await Storage.SaveAsync("a/b.bin", new MemoryStream([1, 2, 3]), CancellationToken.None);

        await Storage.DeleteAsync("a/b.bin", CancellationToken.None);
        await Storage.DeleteAsync("a/b.bin", CancellationToken.None);

        Assert.That(await Storage.ExistsAsync("a/b.bin", CancellationToken.None), Is.False);
    }

    [Test]
    public async Task A_prefix_delete_removes_the_folder_below_and_nothing_that_merely_starts_alike()
    {
        await Storage.SaveAsync("tracks/t1/original", new MemoryStream([1]), CancellationToken.None);
        await Storage.SaveAsync("tracks/t1/hls/96k/seg-0.ts", new MemoryStream([2]), CancellationToken.None);
        await Storage.SaveAsync("tracks/t10/original", new MemoryStream([3]), CancellationToken.None);

        await Storage.DeletePrefixAsync("tracks/t1", CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await Storage.ExistsAsync("tracks/t1/original", CancellationToken.None), Is.False);
            Assert.That(await Storage.ExistsAsync("tracks/t1/hls/96k/seg-0.ts", CancellationToken.None), Is.False);
            Assert.That(await Storage.ExistsAsync("tracks/t10/original", CancellationToken.None), Is.True);
            Assert.That(await Storage.ListFoldersAsync("tracks", CancellationToken.None), Is.EqualTo(new[] { "tracks/t10" }));
        });
        Assert.DoesNotThrowAsync(() => Storage.DeletePrefixAsync("tracks/none", CancellationToken.None));
    }

    [Test]
    public async Task A_read_seeks_anywhere_for_ranges_and_reads_the_stored_bytes_from_there()
    {
        var bytes = RandomNumberGenerator.GetBytes(3_000_000);
        await Storage.SaveAsync("tracks/t1/mp3-128.mp3", new MemoryStream(bytes), CancellationToken.None);

        await using var file = await Storage.OpenReadAsync("tracks/t1/mp3-128.mp3", CancellationToken.None);
        var content = file!.Content;

        Assert.That(content.CanSeek, Is.True, "the byte routes seek to a Range's start");
        foreach (var (from, count) in new[] { (1_000_000, 1000), (10, 5000), (2_999_999, 1), (0, 100), (2_500_000, 500_000) })
        {
            content.Seek(from, SeekOrigin.Begin);
            var read = new byte[count];
            await content.ReadExactlyAsync(read);
            Assert.That(read, Is.EqualTo(bytes[from..(from + count)]), $"{count} bytes from {from}");
        }

        Assert.That(await content.ReadAsync(new byte[10]), Is.Zero, "nothing past the end");
    }

    [TestCase("../escape")]
    [TestCase("a/../../escape")]
    [TestCase("/etc/passwd")]
    [TestCase("A/Upper")]
    [TestCase("a//b")]
    [TestCase("a/.hidden")]
    [TestCase("a\\b")]
    [TestCase("")]
    public void Keys_outside_the_documented_shape_are_refused(string key)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Storage.SaveAsync(key, new MemoryStream([1]), CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Storage.OpenReadAsync(key, CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Storage.DeletePrefixAsync(key, CancellationToken.None));
    }

    [Test]
    public async Task A_reader_never_sees_a_partial_file_while_a_writer_replaces_it()
    {
        IgnoreWithoutAtomicReplacement();
        const string key = "avatars/u2/v-512.webp";
        var first = Enumerable.Repeat((byte)'a', 2_000_000).ToArray();
        var second = Enumerable.Repeat((byte)'b', 2_000_000).ToArray();
        await Storage.SaveAsync(key, new MemoryStream(first), CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var file = await Storage.OpenReadAsync(key, CancellationToken.None);
                using var copy = new MemoryStream();
                try
                {
                    await file!.Content.CopyToAsync(copy);
                }
                catch (IOException) when (ReplacedWhileReadFails)
                {
                    continue;
                }

                var bytes = copy.ToArray();
                Assert.That(bytes, Has.Length.EqualTo(2_000_000), "never a partial file");
                Assert.That(bytes.All(b => b == bytes[0]), Is.True, "never a mix of two files");
                reads++;
            }
        });

        // A slow writer: the target must keep its old content until the whole new one is in place.
        for (var i = 0; i < 10; i++)
        {
            await Storage.SaveAsync(key, new SlowStream(i % 2 == 0 ? second : first), CancellationToken.None);
        }

        await stop.CancelAsync();
        await reader;
        Assert.That(reads, Is.GreaterThan(0));
    }

    [Test]
    public async Task Concurrent_writers_to_one_key_leave_one_whole_file()
    {
        IgnoreWithoutAtomicReplacement();
        const string key = "avatars/u3/v-128.webp";
        var contents = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)('a' + i), 500_000 + (i * 1000)).ToArray()).ToArray();

        await Task.WhenAll(contents.Select(c => Task.Run(() => Storage.SaveAsync(key, new SlowStream(c), CancellationToken.None))));

        await using var file = await Storage.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await file!.Content.CopyToAsync(copy);
        Assert.Multiple(async () =>
        {
            Assert.That(contents, Has.Some.EqualTo(copy.ToArray()), "exactly one writer's complete content");
            Assert.That(await EverythingInAsync("avatars/u3"), Is.EqualTo(new[] { "v-128.webp" }), "no temporary left behind");
        });
    }

    [Test]
    public async Task A_failed_write_keeps_the_previous_file_and_leaves_nothing_behind()
    {
        const string key = "avatars/u4/v-512.webp";
        await Storage.SaveAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);

        Assert.ThrowsAsync<IOException>(() => Storage.SaveAsync(key, new FailingStream(), CancellationToken.None));

        await using var file = await Storage.OpenReadAsync(key, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(file!.Length, Is.EqualTo(3));
            Assert.That(await EverythingInAsync("avatars/u4"), Is.EqualTo(new[] { "v-512.webp" }));
        });
    }

    [Test]
    public async Task The_sweep_s_view_lists_folders_and_the_files_directly_in_a_folder_and_dates_a_folder_by_its_newest_write()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await Storage.SaveAsync("tracks/t1/original", new MemoryStream([1]), CancellationToken.None);
        await Storage.SaveAsync("tracks/t1/hls/96k/seg-0.ts", new MemoryStream([1]), CancellationToken.None);
        await Storage.SaveAsync("tracks/t2/original", new MemoryStream([1]), CancellationToken.None);
        var after = DateTimeOffset.UtcNow.AddSeconds(5);

        var segments = await Storage.ListFilesAsync("tracks/t1/hls/96k", CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(await Storage.ListFoldersAsync("tracks", CancellationToken.None), Is.EquivalentTo(new[] { "tracks/t1", "tracks/t2" }));
            Assert.That(await Storage.ListFoldersAsync("tracks/t1/hls", CancellationToken.None), Is.EqualTo(new[] { "tracks/t1/hls/96k" }));
            Assert.That(await Storage.ListFoldersAsync("avatars", CancellationToken.None), Is.Empty);
            Assert.That(segments.Select(f => f.Key), Is.EqualTo(new[] { "tracks/t1/hls/96k/seg-0.ts" }));
            Assert.That(segments.Single().LastWritten, Is.InRange(before, after));
            Assert.That((await Storage.ListFilesAsync("tracks/t1", CancellationToken.None)).Select(f => f.Key), Is.EqualTo(new[] { "tracks/t1/original" }), "not a sub-folder's");
            Assert.That(await Storage.ListFilesAsync("tracks/none", CancellationToken.None), Is.Empty);
            Assert.That(await Storage.LastWrittenAsync("tracks/t1", CancellationToken.None), Is.InRange(before, after));
            Assert.That(await Storage.LastWrittenAsync("tracks/none", CancellationToken.None), Is.Null);
        });
    }

    private void IgnoreWithoutAtomicReplacement()
    {
        if (AtomicReplacementUnsupportedBecause is { } why)
        {
            Assert.Ignore(why);
        }
    }

    /// <summary>Hands out its bytes in small pieces with pauses, so a write takes a while.</summary>
    protected sealed class SlowStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken);
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 65536)], cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Breaks off after its first piece.</summary>
    protected sealed class FailingStream() : MemoryStream(new byte[100_000])
    {
        private int _reads;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_reads > 1 ? throw new IOException("the upload broke off") : base.ReadAsync(buffer[..1000], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
