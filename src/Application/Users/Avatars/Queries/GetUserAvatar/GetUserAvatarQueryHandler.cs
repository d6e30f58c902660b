using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars.Queries.GetUserAvatar;

public sealed class GetUserAvatarQueryHandler(IUserAvatarRepository avatars, IFileStorage storage) : IRequestHandler<GetUserAvatarQuery, AvatarFile>
{
    public async Task<AvatarFile> Handle(GetUserAvatarQuery request, CancellationToken cancellationToken)
    {
        var avatar = await avatars.GetAsync(request.UserId, cancellationToken)
            ?? throw new NotFoundException("This user has no avatar.");
        var file = await storage.OpenReadAsync(AvatarRules.StorageKey(request.UserId, avatar.Version, request.Size), cancellationToken)
            ?? throw new NotFoundException("This user has no avatar.");
        return new AvatarFile(avatar.Version, avatar.UpdatedAt, ImageFormats.ContentType(AvatarRules.Format), file);
    }
}
