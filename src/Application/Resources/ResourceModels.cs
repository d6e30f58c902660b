using Veza.Application.Common.Models;
using Veza.Application.Users;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources;

/// <summary>One version of a resource's file. Audio has its duration once probed (null until then and for anything else).</summary>
public sealed record ResourceVersionDto(
    int Number, string FileName, string Format, string ContentType, long Bytes, string Sha256, string? Changelog, Guid CreatedBy, DateTimeOffset CreatedAt,
    double? DurationSeconds, string DownloadUrl, string? WaveformUrl);

/// <summary>A shared resource as the caller sees it; <see cref="Access"/> is what the caller may do with it.</summary>
public sealed record SharedResourceDto(
    Guid Id,
    UserRefDto Owner,
    string Title,
    string? Description,
    ResourceKind Kind,
    IReadOnlyList<string> Tags,
    ResourceVisibility Visibility,
    long DownloadCount,
    ResourceAccess Access,
    int VersionCount,
    ResourceVersionDto Latest,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? HiddenAt,
    string? HiddenReason);

public sealed record ResourcePermissionDto(UserRefDto User, ResourcePermissionLevel Level, DateTimeOffset GrantedAt);

/// <summary>A version's bytes to send, with the name to save them under.</summary>
public sealed record ResourceDownload(string FileName, string ContentType, DateTimeOffset LastModified, string ETag, StoredFile Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

public enum ResourceSort
{
    New,
    Downloads,
}

/// <summary>What a list of resources shows: what <see cref="ViewerId"/> may view, narrowed by the rest.</summary>
public sealed record ResourceListFilter(
    Guid ViewerId, bool ViewerIsAdmin, string? Search = null, ResourceKind? Kind = null, string? Tag = null, Guid? OwnerId = null,
    ResourceSort Sort = ResourceSort.New, bool SharedWithViewerOnly = false);

public interface IResourceReadModel
{
    /// <summary>A page of resources the viewer may view (the SQL twin of <see cref="SharedResource.AccessFor"/>).</summary>
    Task<PagedResult<SharedResourceDto>> ListAsync(ResourceListFilter filter, PageRequest paging, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, string>> UsernamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    /// <summary>One resource as the caller sees it: <see cref="ResourceProjection"/> with its owner's name and its download count.</summary>
    Task<SharedResourceDto> ProjectAsync(SharedResource resource, ResourceAccess access, CancellationToken cancellationToken);
}

/// <summary>Limits from configuration (SharedResources section).</summary>
public sealed record ResourceSettings(long MaxFileBytes)
{
    public static readonly ResourceSettings Default = new(200L * 1024 * 1024);
}

/// <summary>The one mapping from the aggregate to what the API shows, used by single reads and lists alike.</summary>
public static class ResourceProjection
{
    public static SharedResourceDto ToDto(SharedResource resource, string ownerUsername, ResourceAccess access, long downloadCount)
    {
        var seesModeration = access == ResourceAccess.Own || access >= ResourceAccess.Download && resource.HiddenAt is not null;
        return new SharedResourceDto(
            resource.Id,
            new UserRefDto(resource.OwnerId, ownerUsername),
            resource.Title,
            resource.Description,
            resource.Kind,
            [.. resource.Tags],
            resource.Visibility,
            downloadCount,
            access,
            resource.Versions.Count,
            ToDto(resource.Latest),
            resource.CreatedAt,
            resource.UpdatedAt,
            seesModeration ? resource.HiddenAt : null,
            seesModeration ? resource.HiddenReason : null);
    }

    public static ResourceVersionDto ToDto(ResourceVersion version) => new(
        version.Number,
        version.FileName,
        version.Format,
        version.ContentType,
        version.Bytes,
        version.Sha256,
        version.Changelog,
        version.CreatedBy,
        version.CreatedAt,
        version.DurationSeconds,
        ResourceUrls.Download(version.ResourceId, version.Number),
        version.WaveformKey is null ? null : ResourceUrls.Waveform(version.ResourceId, version.Number));
}

public static class ResourceUrls
{
    public static string Resource(Guid id) => $"/api/v1/shared-resources/{id}";

    public static string Download(Guid id, int version) => $"/api/v1/shared-resources/{id}/versions/{version}/download";

    public static string Waveform(Guid id, int version) => $"/api/v1/shared-resources/{id}/versions/{version}/waveform";
}

/// <summary>
/// Where a resource's files live: one folder per resource, a fresh key per stored file (a version's number is known
/// only in its transaction, and two uploads may race for it), never a name sent.
/// </summary>
public static class ResourceFiles
{
    public const string Prefix = "resources";
    private const int FileIdLength = 32;

    public static string Folder(Guid id) => $"{Prefix}/{id:N}";

    /// <summary>The stored file a key belongs to (a version's file, or its waveform beside it), for the orphan sweep.</summary>
    public static Guid? FileIdOf(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        return name.Length == FileIdLength || (name.Length > FileIdLength && name[FileIdLength] == '.') ? StorageNames.FolderId(name[..FileIdLength]) : null;
    }

    public static string NewFile(Guid id) => $"{Folder(id)}/{Guid.CreateVersion7():N}";

    public static string Waveform(string fileKey) => $"{fileKey}.waveform.json";
}
