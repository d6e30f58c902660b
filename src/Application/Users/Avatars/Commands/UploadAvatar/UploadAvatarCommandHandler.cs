using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Domain.Auditing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars.Commands.UploadAvatar;

/// <summary>
/// Size, then magic bytes, then the image processor (which refuses huge dimensions before decoding),
/// then the new files are stored under the new version; the entity change, the audit event and the
/// deletion of the previous version's files (a job) commit together. Readers see the old version until
/// the commit, and its files stay until then.
/// </summary>
public sealed class UploadAvatarCommandHandler(
    IUserAvatarRepository avatars, IFileStorage storage, IImageProcessor images, IJobScheduler jobs, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<UploadAvatarCommand, AvatarDto>
{
    public async Task<AvatarDto> Handle(UploadAvatarCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        if (request.Length > AvatarRules.MaxFileBytes)
        {
            throw new FileTooLargeException(AvatarRules.MaxFileBytes);
        }

        var start = request.Content.Position;
        var header = new byte[ImageFormats.HeaderLength];
        var read = await request.Content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (ImageFormats.Detect(header.AsSpan(0, read)) is not { } format)
        {
            throw new UnsupportedMediaTypeException("The file is not a PNG, JPEG or WebP image.");
        }

        request.Content.Position = start;
        await using var rendered = await images.RenderSquaresAsync(
            request.Content, new SquareImageRequest(AvatarRules.Sizes, AvatarRules.MaxSourceSide, AvatarRules.Format), cancellationToken);
        switch (rendered.Outcome)
        {
            case SquareImageOutcome.TooLarge:
                throw new RequestValidationException([new FieldError("file",
                    $"The image is {rendered.SourceWidth}x{rendered.SourceHeight} pixels; at most {AvatarRules.MaxSourceSide} pixels on a side are accepted.")]);
            case SquareImageOutcome.Undecodable:
                throw new UnsupportedMediaTypeException("The file is not a readable PNG, JPEG or WebP image.");
        }

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
            $"{format} {rendered.SourceWidth}x{rendered.SourceHeight}, version {avatar.Version:N}", AuditTargets.User(userId));
        return AvatarDto.From(avatar);
    }
}
