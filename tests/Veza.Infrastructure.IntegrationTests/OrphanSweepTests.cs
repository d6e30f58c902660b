using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Storage;
using Veza.Domain.Gear;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Storage;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>
/// The orphan sweep on the real filesystem adapter, the real PostgreSQL and a real work directory: what no row refers
/// to goes once older than the grace (an hour by default), what a row names or what is fresh (an upload in progress)
/// stays. "Older" is made by setting files' times back, since the sweep reads the disk's times against the clock.
/// </summary>
public class OrphanSweepTests : MigratedDatabaseFixture
{
    private static readonly TimeSpan PastGrace = TimeSpan.FromHours(2);
    private string _temp = null!;
    private string _storageRoot = null!;
    private string _scratchRoot = null!;

    [SetUp]
    public async Task Reset()
    {
        await Database.ResetAsync();
        _temp = Path.Combine(Path.GetTempPath(), "veza-sweep-tests-" + Guid.NewGuid().ToString("N"));
        _storageRoot = Path.Combine(_temp, "storage");
        _scratchRoot = Path.Combine(_temp, "media", "veza-scratch");
        Directory.CreateDirectory(_storageRoot);
    }

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task A_track_folder_with_no_row_goes_after_the_grace_one_with_a_row_and_a_fresh_one_stay_and_stale_temporary_files_go()
    {
        await using var node = Node();
        var owner = await OwnerAsync(node);
        var kept = await TrackAsync(node, owner);
        var orphan = Guid.CreateVersion7();
        var uploading = Guid.CreateVersion7();
        var orphanGearFile = Guid.NewGuid();
        await StoreAsync(node, TrackFiles.Original(kept), TrackFiles.Original(orphan), TrackFiles.Hls(orphan, "96k/seg-0.ts"), GearFileKeys.Original(orphanGearFile), "tracks/not-an-id/original");
        var staleTemporary = Write(TrackFiles.Folder(kept), $".mp3-128.mp3.{Guid.NewGuid():N}.tmp");
        Age(Stored(TrackFiles.Folder(kept)), Stored(TrackFiles.Folder(orphan)), Stored("files"), Stored("tracks/not-an-id"));
        // An upload under way: its row comes at the commit, its bytes are still arriving.
        var arriving = Write(TrackFiles.Folder(uploading), $".original.{Guid.NewGuid():N}.tmp");

        var report = await node.GetRequiredService<OrphanedFileSweeper>().SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Stored(TrackFiles.Folder(orphan))), Is.False, "no row, older than the grace");
            Assert.That(Directory.Exists(Stored($"{GearFileKeys.Prefix}/{orphanGearFile:N}")), Is.False, "a gear file's folder the same way");
            Assert.That(File.Exists(Stored(TrackFiles.Original(kept))), Is.True, "its row exists");
            Assert.That(File.Exists(arriving), Is.True, "an upload in progress");
            Assert.That(File.Exists(Stored("tracks/not-an-id/original")), Is.True, "not a folder the sweep knows");
            Assert.That(File.Exists(staleTemporary), Is.False, "a save cut off an hour ago");
            Assert.That(report, Is.EqualTo(new OrphanSweepReport(Folders: 2, Files: 0, PartialWrites: 1, ScratchDirectories: 0)));
        });
    }

    [Test]
    public async Task Versions_no_row_names_go_after_the_grace_and_a_track_being_processed_keeps_its_cover()
    {
        await using var node = Node();
        var owner = await OwnerAsync(node);
        var version = Guid.NewGuid();
        var replaced = Guid.NewGuid();
        var uploading = Guid.NewGuid();
        await Database.ScalarAsync<int>("INSERT INTO user_avatars (user_id, version, updated_at) VALUES (@id, @v, now()) RETURNING 1", ("id", owner), ("v", version));
        var processing = await TrackAsync(node, owner);
        var cover = Guid.NewGuid();
        await StoreAsync(node, AvatarRules.StorageKey(owner, version, 512), AvatarRules.StorageKey(owner, replaced, 512),
            TrackFiles.Artwork(processing, cover, 512), AvatarRules.StorageKey(Guid.NewGuid(), version, 512));
        Age(Stored(AvatarRules.StoragePrefix), Stored(TrackFiles.Folder(processing)));
        await StoreAsync(node, AvatarRules.StorageKey(owner, uploading, 512));

        var report = await node.GetRequiredService<OrphanedFileSweeper>().SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Stored(AvatarRules.StorageKey(owner, version, 512))), Is.True, "the current version");
            Assert.That(File.Exists(Stored(AvatarRules.StorageKey(owner, replaced, 512))), Is.False, "a version no row names");
            Assert.That(File.Exists(Stored(AvatarRules.StorageKey(owner, uploading, 512))), Is.True, "a new version before its commit");
            Assert.That(File.Exists(Stored(TrackFiles.Artwork(processing, cover, 512))), Is.True, "the job records its cover after storing it");
            Assert.That(Directory.GetDirectories(Stored(AvatarRules.StoragePrefix)), Has.Length.EqualTo(1), "a user with no row loses the folder");
            Assert.That(report, Is.EqualTo(new OrphanSweepReport(Folders: 1, Files: 1, PartialWrites: 0, ScratchDirectories: 0)));
        });
    }

    [Test]
    public async Task A_killed_node_s_idle_work_directory_goes_one_held_or_fresh_stays()
    {
        await using var node = Node();
        var scratch = node.GetRequiredService<IScratchSpace>();
        using var held = scratch.Create($"track-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(held.File("original"), "held");
        var abandoned = Path.Combine(_scratchRoot, $"track-{Guid.NewGuid():N}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(abandoned, "hls"));
        await File.WriteAllTextAsync(Path.Combine(abandoned, "hls", "seg-0.ts"), "left behind");
        Age(held.Path, abandoned);
        var fresh = Directory.CreateDirectory(Path.Combine(_scratchRoot, $"media-{Guid.NewGuid():N}")).FullName;

        var report = await node.GetRequiredService<OrphanedFileSweeper>().SweepAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(abandoned), Is.False, "idle for longer than the grace and the tools' time limit");
            Assert.That(File.Exists(held.File("original")), Is.True, "this process still holds it");
            Assert.That(Directory.Exists(fresh), Is.True);
            Assert.That(report.ScratchDirectories, Is.EqualTo(1));
        });
    }

    private ServiceProvider Node() =>
        InfrastructureHost.CreateWithApplication(Database, _storageRoot, new Dictionary<string, string?> { ["Media:TemporaryDirectory"] = Path.GetDirectoryName(_scratchRoot) },
            new ManualClock(DateTimeOffset.UtcNow));

    private static async Task<Guid> OwnerAsync(IServiceProvider node)
    {
        var user = User.Register($"dj_{Guid.NewGuid():N}"[..20], $"{Guid.NewGuid():N}@example.com", "h", DateTimeOffset.UtcNow);
        await MigrationAndPersistenceTests.SaveUserAsync(node, user);
        return user.Id;
    }

    /// <summary>A track row (processing: just uploaded).</summary>
    private static async Task<Guid> TrackAsync(IServiceProvider node, Guid owner)
    {
        var id = Guid.CreateVersion7();
        await using var scope = node.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITrackRepository>().Add(Track.Upload(id, owner, new TrackDetails("Song", null, null, [], TrackVisibility.Public),
            new StoredOriginal(TrackFiles.Original(id), AudioFormat.Flac, 4, new string('a', 64), "song"), DateTimeOffset.UtcNow));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return id;
    }

    private static async Task StoreAsync(IServiceProvider node, params string[] keys)
    {
        foreach (var key in keys)
        {
            await node.GetRequiredService<IFileStorage>().SaveAsync(key, new MemoryStream("data"u8.ToArray()), CancellationToken.None);
        }
    }

    private string Write(string folder, string name)
    {
        var path = Path.Combine(Stored(folder), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "partial");
        return path;
    }

    private string Stored(string key) => Path.Combine(_storageRoot, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Sets the write times of these directories and everything in them back past the grace.</summary>
    private static void Age(params string[] directories)
    {
        var then = DateTime.UtcNow - PastGrace;
        foreach (var directory in directories)
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }))
            {
                File.SetLastWriteTimeUtc(file, then);
            }

            foreach (var folder in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Append(directory))
            {
                Directory.SetLastWriteTimeUtc(folder, then);
            }
        }
    }
}
