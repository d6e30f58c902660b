using MediatR;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Avatars.Commands.RemoveAvatar;

public sealed class RemoveAvatarCommandHandler(AvatarRemoval removal, IAuditTrail audit, ICurrentUser caller)
    : IRequestHandler<RemoveAvatarCommand, AvatarRemovedDto>
{
    public async Task<AvatarRemovedDto> Handle(RemoveAvatarCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        if (await removal.RemoveAsync(userId, cancellationToken) is not { } version)
        {
            return new AvatarRemovedDto(false);
        }

        audit.Record(AuditActions.AvatarRemove, AuditOutcomes.Success, userId, $"version {version:N}", AuditTargets.User(userId));
        return new AvatarRemovedDto(true);
    }
}
