using Veza.Domain.Ports;
using Veza.Infrastructure.Storage;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The filesystem adapter of the file storage port, on the real filesystem: the shared contract and its temporary files.</summary>
public class FileSystemStorageTests : FileStorageContractTests
{
    private string _root = null!;

    protected override Task<IFileStorage> CreateStorageAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "veza-storage-" + Guid.NewGuid().ToString("N"));
        return Task.FromResult<IFileStorage>(new FileSystemStorage(_root));
    }

    protected override Task DeleteStorageAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyList<string>> EverythingInAsync(string folder) =>
        Task.FromResult<IReadOnlyList<string>>([.. Directory.GetFiles(Path.Combine(_root, folder)).Select(Path.GetFileName).Order()!]);

    [Test]
    public async Task A_save_under_way_dates_its_folder_is_never_listed_and_is_swept_once_abandoned()
    {
        await Storage.SaveAsync("tracks/t1/original", new MemoryStream([1]), CancellationToken.None);
        await Storage.SaveAsync("tracks/t1/hls/96k/seg-0.ts", new MemoryStream([1]), CancellationToken.None);
        var longAgo = DateTime.UtcNow.AddDays(-3);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine(_root, "tracks", "t1"), "*", SearchOption.AllDirectories).Append(Path.Combine(_root, "tracks", "t1")))
        {
            File.SetLastWriteTimeUtc(entry, longAgo);
        }

        // A save under way deep inside: the folder counts as written now.
        var partial = Path.Combine(_root, "tracks", "t1", "hls", "96k", $".seg-1.ts.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(partial, [1]);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "tracks", "t1", "hls", "96k"), longAgo);
        var whileWriting = await Storage.LastWrittenAsync("tracks/t1", CancellationToken.None);
        File.SetLastWriteTimeUtc(partial, longAgo);
        var files = await Storage.ListFilesAsync("tracks/t1/hls/96k", CancellationToken.None);
        var settled = await Storage.LastWrittenAsync("tracks/t1", CancellationToken.None);
        var abandoned = await Storage.DeleteAbandonedWritesAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(files.Select(f => (f.Key, f.LastWritten.UtcDateTime)), Is.EqualTo(new[] { ("tracks/t1/hls/96k/seg-0.ts", longAgo) }), "not the unfinished save");
            Assert.That(whileWriting, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1)));
            Assert.That(settled, Is.EqualTo(new DateTimeOffset(longAgo)));
            Assert.That(abandoned, Is.EqualTo(1));
            Assert.That(File.Exists(partial), Is.False);
        });
    }
}
