using MediatR;
using Veza.Application.Common.Storage;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars.Commands.RemoveAvatar;

/// <summary>The row goes now; the files go by a job once that has committed.</summary>
public sealed class RemoveAvatarCommandHandler(IUserAvatarRepository avatars, IJobScheduler jobs, IAuditTrail audit, ICurrentUser caller)
    : IRequestHandler<RemoveAvatarCommand, AvatarRemovedDto>
{
    public async Task<AvatarRemovedDto> Handle(RemoveAvatarCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        if (await avatars.GetAsync(userId, cancellationToken) is not { } avatar)
        {
            return new AvatarRemovedDto(false);
        }

        avatars.Remove(avatar);
        jobs.Enqueue(new DeleteStoredFilesJob(AvatarRules.StorageKeys(userId, avatar.Version)));
        audit.Record(AuditActions.AvatarRemove, AuditOutcomes.Success, userId, $"version {avatar.Version:N}", AuditTargets.User(userId));
        return new AvatarRemovedDto(true);
    }
}
