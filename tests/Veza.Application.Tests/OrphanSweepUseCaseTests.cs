using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Storage;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tests;

/// <summary>
/// The orphan sweep over substitute ports: a storage that remembers keys and their write times, the rows' references
/// and the work directories; what goes, what stays, and the clock's cut-offs.
/// </summary>
public class OrphanSweepUseCaseTests : UseCaseTestBase
{
    private static readonly OrphanSweepPolicy Policy = new(TimeSpan.FromHours(1), TimeSpan.FromHours(2));
    private static readonly DateTimeOffset Old = ApplicationHarness.Now.AddHours(-3);
    private static readonly DateTimeOffset Fresh = ApplicationHarness.Now.AddMinutes(-5);

    private IFileStorage _storage = null!;
    private IStoredFileReferences _references = null!;
    private IScratchSpace _scratch = null!;
    private Dictionary<string, DateTimeOffset> _stored = null!;
    private Dictionary<(StoredFolderKind, Guid), FolderReferences> _rows = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _storage = Substitute.For<IFileStorage>();
        _references = Substitute.For<IStoredFileReferences>();
        _scratch = Substitute.For<IScratchSpace>();
        _stored = [];
        _rows = [];
        return new(services => services.AddSingleton(_storage).AddSingleton(_references).AddSingleton(_scratch));
    }

    [SetUp]
    public void RememberKeys()
    {
        _storage.ListFoldersAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c =>
            (IReadOnlyList<string>)[.. _stored.Keys.Where(k => k.StartsWith(c.Arg<string>() + "/", StringComparison.Ordinal))
                .Select(k => string.Join('/', k.Split('/')[..2])).Distinct()]);
        _storage.ListFilesAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c =>
            (IReadOnlyList<StoredObject>)[.. _stored.Where(f => Path.GetDirectoryName(f.Key) == c.Arg<string>()).Select(f => new StoredObject(f.Key, f.Value))]);
        _storage.LastWrittenAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c =>
            Under(c.Arg<string>()).Select(f => (DateTimeOffset?)f.Value).DefaultIfEmpty().Max());
        _storage.When(s => s.DeletePrefixAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()))
            .Do(c => Under(c.Arg<string>()).ToList().ForEach(f => _stored.Remove(f.Key)));
        _storage.When(s => s.DeleteAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())).Do(c => _stored.Remove(c.Arg<string>()));
        _references.FindAsync(Arg.Any<StoredFolderKind>(), Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>()).Returns(c =>
            (IReadOnlyDictionary<Guid, FolderReferences>)c.Arg<IReadOnlyCollection<Guid>>()
                .Where(id => _rows.ContainsKey((c.Arg<StoredFolderKind>(), id)))
                .ToDictionary(id => id, id => _rows[(c.Arg<StoredFolderKind>(), id)]));
    }

    [Test]
    public async Task Only_what_no_row_names_and_nothing_wrote_within_the_grace_goes()
    {
        Guid ready = Guid.NewGuid(), processing = Guid.NewGuid(), orphan = Guid.NewGuid(), uploading = Guid.NewGuid(), listing = Guid.NewGuid();
        Guid current = Guid.NewGuid(), replaced = Guid.NewGuid(), replacing = Guid.NewGuid(), cover = Guid.NewGuid(), picture = Guid.NewGuid(), removed = Guid.NewGuid();
        _rows[(StoredFolderKind.Track, ready)] = FolderReferences.Only([current]);
        _rows[(StoredFolderKind.Track, processing)] = FolderReferences.Everything;
        _rows[(StoredFolderKind.Listing, listing)] = FolderReferences.Only([picture]);
        Store(Old, TrackFiles.Original(ready), TrackFiles.Artwork(ready, current, 512), TrackFiles.Artwork(ready, replaced, 512), TrackFiles.Artwork(processing, cover, 512),
            TrackFiles.Original(orphan), TrackFiles.Hls(orphan, "96k/seg-0.ts"), TrackFiles.Original(uploading),
            ListingImageRules.StorageKey(listing, picture, 1600), ListingImageRules.StorageKey(listing, removed, 1600), "tracks/not-an-id/original");
        Store(Fresh, TrackFiles.Artwork(ready, replacing, 512), TrackFiles.Artwork(uploading, cover, 512));

        var report = await SweepAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_stored.Keys, Is.EquivalentTo(new[]
            {
                TrackFiles.Original(ready), TrackFiles.Artwork(ready, current, 512), TrackFiles.Artwork(ready, replacing, 512),
                TrackFiles.Artwork(processing, cover, 512), TrackFiles.Original(uploading), TrackFiles.Artwork(uploading, cover, 512),
                ListingImageRules.StorageKey(listing, picture, 1600), "tracks/not-an-id/original",
            }));
            Assert.That(report, Is.EqualTo(new OrphanSweepReport(Folders: 1, Files: 2, PartialWrites: 0, ScratchDirectories: 0)));
        });
        await _storage.DidNotReceive().ListFilesAsync(TrackFiles.Folder(processing), Arg.Any<CancellationToken>());
        await _references.DidNotReceive().FindAsync(Arg.Any<StoredFolderKind>(), Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Count == 0), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Rows_are_read_in_batches_and_unfinished_saves_and_work_directories_are_cut_off_by_the_clock()
    {
        var folders = Enumerable.Range(0, 1_200).Select(_ => Guid.NewGuid()).ToList();
        Store(Fresh, [.. folders.Select(TrackFiles.Original)]);
        _storage.DeleteAbandonedWritesAsync(Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(3);
        _scratch.DeleteAbandoned(Arg.Any<DateTimeOffset>()).Returns(1);

        var report = await SweepAsync();

        Assert.That(report, Is.EqualTo(new OrphanSweepReport(Folders: 0, Files: 0, PartialWrites: 3, ScratchDirectories: 1)));
        await _references.Received(3).FindAsync(StoredFolderKind.Track, Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Count <= 500), Arg.Any<CancellationToken>());
        await _storage.Received(1).DeleteAbandonedWritesAsync(ApplicationHarness.Now - Policy.Grace, Arg.Any<CancellationToken>());
        _scratch.Received(1).DeleteAbandoned(ApplicationHarness.Now - Policy.ScratchIdle);
        await _storage.DidNotReceive().DeletePrefixAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    private async Task<OrphanSweepReport> SweepAsync()
    {
        OrphanSweepReport report = null!;
        await App.InScopeAsync(async sp => report = await sp.GetRequiredService<OrphanedFileSweep>().SweepAsync(Policy, CancellationToken.None));
        return report;
    }

    private void Store(DateTimeOffset written, params string[] keys)
    {
        foreach (var key in keys)
        {
            _stored[key] = written;
        }
    }

    private IEnumerable<KeyValuePair<string, DateTimeOffset>> Under(string folder) =>
        _stored.Where(f => f.Key.StartsWith(folder + "/", StringComparison.Ordinal));
}
