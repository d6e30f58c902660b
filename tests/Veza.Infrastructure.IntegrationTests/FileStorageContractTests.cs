using System.Security.Cryptography;
using Veza.Infrastructure.Storage;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The filesystem adapter of the file storage port, on the real filesystem.</summary>
public class FileSystemStorageTests
{
    private string _root = null!;
    private FileSystemStorage _storage = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "veza-storage-" + Guid.NewGuid().ToString("N"));
        _storage = new FileSystemStorage(_root);
    }

    [TearDown]
    public void DeleteRoot()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task A_saved_file_reads_back_whole_and_leaves_no_temporary_file()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var length = await _storage.SaveAsync("avatars/u1/v1-512.webp", new MemoryStream(bytes), CancellationToken.None);
        await using var file = await _storage.OpenReadAsync("avatars/u1/v1-512.webp", CancellationToken.None);

        Assert.That(file, Is.Not.Null);
        using var copy = new MemoryStream();
        await file!.Content.CopyToAsync(copy);
        Assert.Multiple(() =>
        {
            Assert.That(length, Is.EqualTo(bytes.Length));
            Assert.That(file.Length, Is.EqualTo(bytes.Length));
            Assert.That(copy.ToArray(), Is.EqualTo(bytes));
            Assert.That(Directory.GetFiles(Path.Combine(_root, "avatars", "u1")), Has.Length.EqualTo(1), "only the target, no temporary left");
        });
    }

    [Test]
    public async Task A_missing_file_reads_as_null_does_not_exist_and_deletes_quietly()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await _storage.OpenReadAsync("avatars/none/v-128.webp", CancellationToken.None), Is.Null);
            Assert.That(await _storage.ExistsAsync("avatars/none/v-128.webp", CancellationToken.None), Is.False);
        });
        Assert.DoesNotThrowAsync(() => _storage.DeleteAsync("avatars/none/v-128.webp", CancellationToken.None));
    }

    [Test]
    public async Task Delete_removes_the_file_and_a_second_delete_is_harmless()
    {
        await _storage.SaveAsync("a/b.bin", new MemoryStream([1, 2, 3]), CancellationToken.None);

        await _storage.DeleteAsync("a/b.bin", CancellationToken.None);
        await _storage.DeleteAsync("a/b.bin", CancellationToken.None);

        Assert.That(await _storage.ExistsAsync("a/b.bin", CancellationToken.None), Is.False);
    }

    [TestCase("../escape")]
    [TestCase("a/../../escape")]
    [TestCase("/etc/passwd")]
    [TestCase("A/Upper")]
    [TestCase("a//b")]
    [TestCase("a/.hidden")]
    [TestCase("a\\b")]
    [TestCase("")]
    public void Keys_outside_the_documented_shape_are_refused(string key) =>
        Assert.ThrowsAsync<ArgumentException>(() => _storage.SaveAsync(key, new MemoryStream([1]), CancellationToken.None));

    [Test]
    public async Task A_reader_never_sees_a_partial_file_while_a_writer_replaces_it()
    {
        const string key = "avatars/u2/v-512.webp";
        var first = Enumerable.Repeat((byte)'a', 2_000_000).ToArray();
        var second = Enumerable.Repeat((byte)'b', 2_000_000).ToArray();
        await _storage.SaveAsync(key, new MemoryStream(first), CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var file = await _storage.OpenReadAsync(key, CancellationToken.None);
                using var copy = new MemoryStream();
                await file!.Content.CopyToAsync(copy);
                var bytes = copy.ToArray();
                Assert.That(bytes, Has.Length.EqualTo(2_000_000), "never a partial file");
                Assert.That(bytes.All(b => b == bytes[0]), Is.True, "never a mix of two files");
                reads++;
            }
        });

        // A slow writer: the target must keep its old content until the whole new one is in place.
        for (var i = 0; i < 10; i++)
        {
            await _storage.SaveAsync(key, new SlowStream(i % 2 == 0 ? second : first), CancellationToken.None);
        }

        await stop.CancelAsync();
        await reader;
        Assert.That(reads, Is.GreaterThan(0));
    }

    [Test]
    public async Task Concurrent_writers_to_one_key_leave_one_whole_file()
    {
        const string key = "avatars/u3/v-128.webp";
        var contents = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)('a' + i), 500_000 + (i * 1000)).ToArray()).ToArray();

        await Task.WhenAll(contents.Select(c => Task.Run(() => _storage.SaveAsync(key, new SlowStream(c), CancellationToken.None))));

        await using var file = await _storage.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await file!.Content.CopyToAsync(copy);
        Assert.Multiple(() =>
        {
            Assert.That(contents, Has.Some.EqualTo(copy.ToArray()), "exactly one writer's complete content");
            Assert.That(Directory.GetFiles(Path.Combine(_root, "avatars", "u3")), Has.Length.EqualTo(1), "no temporary left behind");
        });
    }

    [Test]
    public async Task A_failed_write_keeps_the_previous_file_and_leaves_no_temporary()
    {
        const string key = "avatars/u4/v-512.webp";
        await _storage.SaveAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);

        Assert.ThrowsAsync<IOException>(() => _storage.SaveAsync(key, new FailingStream(), CancellationToken.None));

        await using var file = await _storage.OpenReadAsync(key, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(file!.Length, Is.EqualTo(3));
            Assert.That(Directory.GetFiles(Path.Combine(_root, "avatars", "u4")), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task The_sweep_s_view_lists_folders_and_finished_files_and_dates_a_folder_by_its_newest_write_below()
    {
        await _storage.SaveAsync("tracks/t1/original", new MemoryStream([1]), CancellationToken.None);
        await _storage.SaveAsync("tracks/t1/hls/96k/seg-0.ts", new MemoryStream([1]), CancellationToken.None);
        await _storage.SaveAsync("tracks/t2/original", new MemoryStream([1]), CancellationToken.None);
        var longAgo = DateTime.UtcNow.AddDays(-3);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine(_root, "tracks", "t1"), "*", SearchOption.AllDirectories).Append(Path.Combine(_root, "tracks", "t1")))
        {
            File.SetLastWriteTimeUtc(entry, longAgo);
        }

        // A save under way deep inside: the folder counts as written now.
        var partial = Path.Combine(_root, "tracks", "t1", "hls", "96k", $".seg-1.ts.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(partial, [1]);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "tracks", "t1", "hls", "96k"), longAgo);
        var whileWriting = await _storage.LastWrittenAsync("tracks/t1", CancellationToken.None);
        File.SetLastWriteTimeUtc(partial, longAgo);
        var files = await _storage.ListFilesAsync("tracks/t1/hls/96k", CancellationToken.None);
        var settled = await _storage.LastWrittenAsync("tracks/t1", CancellationToken.None);
        var abandoned = await _storage.DeleteAbandonedWritesAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await _storage.ListFoldersAsync("tracks", CancellationToken.None), Is.EquivalentTo(new[] { "tracks/t1", "tracks/t2" }));
            Assert.That(await _storage.ListFoldersAsync("avatars", CancellationToken.None), Is.Empty);
            Assert.That(files.Select(f => (f.Key, f.LastWritten.UtcDateTime)), Is.EqualTo(new[] { ("tracks/t1/hls/96k/seg-0.ts", longAgo) }), "not the unfinished save");
            Assert.That((await _storage.ListFilesAsync("tracks/t1", CancellationToken.None)).Select(f => f.Key), Is.EqualTo(new[] { "tracks/t1/original" }), "not a sub-folder's");
            Assert.That(whileWriting, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1)));
            Assert.That(settled, Is.EqualTo(new DateTimeOffset(longAgo)));
            Assert.That(await _storage.LastWrittenAsync("tracks/none", CancellationToken.None), Is.Null);
            Assert.That(abandoned, Is.EqualTo(1));
            Assert.That(File.Exists(partial), Is.False);
        });
    }

    /// <summary>Hands out its bytes in small pieces with pauses, so a write takes a while.</summary>
    private sealed class SlowStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken);
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 65536)], cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    private sealed class FailingStream() : MemoryStream(new byte[100_000])
    {
        private int _reads;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_reads > 1 ? throw new IOException("the upload broke off") : base.ReadAsync(buffer[..1000], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
