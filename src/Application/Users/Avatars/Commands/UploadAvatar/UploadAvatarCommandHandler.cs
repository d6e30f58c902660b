using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Domain.Auditing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars.Commands.UploadAvatar;

/// <summary>
/// Size, then the one picture path (<see cref="SquareImageUpload"/>), then the new files are stored under the new version; the entity change, the audit event and the
/// deletion of the previous version's files (a job) commit together. Readers see the old version until
/// the commit, and its files stay until then.
/// </summary>
public sealed class UploadAvatarCommandHandler(
    IUserAvatarRepository avatars, IFileStorage storage, IImageProcessor images, IJobScheduler jobs, IAuditTrail audit, IClock clock, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<UploadAvatarCommand, AvatarDto>
{
    public async Task<AvatarDto> Handle(UploadAvatarCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        if (request.Length > AvatarRules.MaxFileBytes)
        {
            throw new FileTooLargeException(AvatarRules.MaxFileBytes);
        }

        await using var rendered = await SquareImageUpload.RenderAsync(
            images, request.Content, new SquareImageRequest(AvatarRules.Sizes, AvatarRules.MaxSourceSide, AvatarRules.Format), "file", cancellationToken);

        var now = clock.UtcNow;
        var avatar = await avatars.GetAsync(userId, cancellationToken);
        var previous = avatar?.Version;
        if (avatar is null)
        {
            avatar = UserAvatar.For(userId, now);
            avatars.Add(avatar);
        }
        else
        {
            avatar.Replace(now);
        }

        invalidation.Profiles(userId);

        foreach (var image in rendered.Images)
        {
            await using var content = File.OpenRead(image.TemporaryPath);
            await storage.SaveAsync(AvatarRules.StorageKey(userId, avatar.Version, image.Size), content, cancellationToken);
        }

        if (previous is { } old)
        {
            jobs.Enqueue(new DeleteStoredFilesJob(AvatarRules.StorageKeys(userId, old)));
        }

        audit.Record(AuditActions.AvatarChange, AuditOutcomes.Success, userId,
            $"{rendered.SourceWidth}x{rendered.SourceHeight}, version {avatar.Version:N}", AuditTargets.User(userId));
        return AvatarDto.From(avatar);
    }
}
