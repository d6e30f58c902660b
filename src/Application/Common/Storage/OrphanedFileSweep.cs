using Veza.Domain.Common;
using Veza.Domain.Gear;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Common.Storage;

/// <summary>How long something no row refers to must have stood unwritten before the sweep removes it.</summary>
/// <param name="Grace">For stored folders, versioned files and unfinished saves: well above the longest upload.</param>
/// <param name="ScratchIdle">For working directories of this machine: above the longest a processing tool may run.</param>
public sealed record OrphanSweepPolicy(TimeSpan Grace, TimeSpan ScratchIdle);

/// <summary>What one pass removed.</summary>
public sealed record OrphanSweepReport(int Folders, int Files, int PartialWrites, int ScratchDirectories)
{
    public int Total => Folders + Files + PartialWrites + ScratchDirectories;
}

/// <summary>
/// Removes what files are written for before their row commits, once no commit can still come: a folder whose
/// owner has no row (a process that died between storing an upload and committing it, a deletion job lost), a
/// versioned file its row no longer names (an avatar, artwork or listing picture replaced or added by a command that
/// never committed), a save cut off mid-way, and a killed node's working directories; each only when nothing was
/// written in it for the policy's time, so an upload in progress, whose row does not exist yet, is never touched.
/// Rows are read before the disk is, so a row committed meanwhile has its fresh files to show for it. Not a command:
/// it writes no row, so it holds no transaction while it walks storage.
/// </summary>
public sealed class OrphanedFileSweep(IFileStorage storage, IStoredFileReferences references, IScratchSpace scratch, IClock clock)
{
    private const int BatchSize = 500;

    private static readonly StoredFolders[] Layouts =
    [
        new(StoredFolderKind.Track, TrackFiles.Prefix, TrackFiles.ArtworkVersionOf),
        new(StoredFolderKind.Avatar, AvatarRules.StoragePrefix, AvatarRules.VersionOf),
        new(StoredFolderKind.Listing, ListingImageRules.StoragePrefix, ListingImageRules.ImageIdOf),
        new(StoredFolderKind.GearFile, GearFileKeys.Prefix, static _ => null),
        new(StoredFolderKind.Resource, Resources.ResourceFiles.Prefix, Resources.ResourceFiles.FileIdOf),
    ];

    public async Task<OrphanSweepReport> SweepAsync(OrphanSweepPolicy policy, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var settled = now - policy.Grace;
        int folders = 0, files = 0;
        foreach (var layout in Layouts)
        {
            var found = (await storage.ListFoldersAsync(layout.Prefix, cancellationToken))
                .Select(key => (Key: key, Id: StorageNames.FolderId(key)))
                .Where(f => f.Id is not null)
                .Select(f => (f.Key, Id: f.Id!.Value));
            foreach (var batch in found.Chunk(BatchSize))
            {
                var rows = await references.FindAsync(layout.Kind, [.. batch.Select(f => f.Id)], cancellationToken);
                foreach (var (key, id) in batch)
                {
                    if (!rows.TryGetValue(id, out var kept))
                    {
                        if (await storage.LastWrittenAsync(key, cancellationToken) < settled)
                        {
                            await storage.DeletePrefixAsync(key, cancellationToken);
                            folders++;
                        }
                    }
                    else if (!kept.KeepsEverything)
                    {
                        files += await DeleteUnnamedVersionsAsync(key, layout, kept, settled, cancellationToken);
                    }
                }
            }
        }

        var partialWrites = await storage.DeleteAbandonedWritesAsync(settled, cancellationToken);
        var scratchDirectories = scratch.DeleteAbandoned(now - policy.ScratchIdle);
        return new OrphanSweepReport(folders, files, partialWrites, scratchDirectories);
    }

    private async Task<int> DeleteUnnamedVersionsAsync(string folder, StoredFolders layout, FolderReferences kept, DateTimeOffset settled, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var file in await storage.ListFilesAsync(folder, cancellationToken))
        {
            if (file.LastWritten < settled && layout.VersionOf(file.Key) is { } version && !kept.Keeps(version))
            {
                await storage.DeleteAsync(file.Key, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Where one kind's folders are and how a file in them names its version (null: not versioned).</summary>
    private sealed record StoredFolders(StoredFolderKind Kind, string Prefix, Func<string, Guid?> VersionOf);
}
