using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks.Upload;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources;

/// <summary>
/// The one path a resource's file takes (a new resource or a new version): the owner's quota and the size limit
/// first (an announced length over either is refused before anything is stored), then the bytes stream to storage,
/// hashed and measured on the way, then what they are (programs are refused). The file is removed again unless the
/// command commits. The owner's quota counts it whoever uploads it: the resource is theirs.
/// </summary>
public sealed class ResourceFileUpload(IFileStorage storage, UploadQuota quota, ResourceSettings settings, RollbackActions rollback)
{
    public const string FileField = "file";

    public async Task<StoredResourceFile> StoreAsync(Guid resourceId, Guid ownerId, Stream content, string? fileName, long? announced, CancellationToken cancellationToken)
    {
        var standing = (await quota.StandingOfAsync(ownerId, cancellationToken)) with { MaxUploadBytes = settings.MaxFileBytes };
        if (announced is { } length)
        {
            standing.CheckAnnounced(length);
        }

        var key = ResourceFiles.NewFile(resourceId);
        rollback.Add(ct => storage.DeleteAsync(key, ct));
        var upload = await storage.StoreWithinAsync(key, content, standing, ResourceFileTypes.HeaderLength, FileField, cancellationToken);
        var type = ResourceFileTypes.Detect(upload.Header)
            ?? throw new UnsupportedMediaTypeException("Programs (executables and scripts) are not shared here, whatever their name.");
        var name = ResourceFileTypes.SafeFileName(fileName, type)
            ?? throw new UnsupportedMediaTypeException("Programs (executables and scripts) are not shared here: the file's extension names one.");
        return new StoredResourceFile(key, name, type, upload.Bytes, upload.Sha256);
    }

    /// <summary>Once stored: the owner's uploads wait for each other and the quota is checked again (concurrent uploads).</summary>
    public Task ConfirmAsync(Guid ownerId, long bytes, CancellationToken cancellationToken) => quota.ConfirmAsync(ownerId, bytes, cancellationToken);
}
