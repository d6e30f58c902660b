using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Avatars.Commands.RemoveAvatar;

/// <summary>Removes the caller's avatar. Idempotent: removing none answers <c>removed: false</c>.</summary>
[Authorize]
public sealed record RemoveAvatarCommand : ICommand<AvatarRemovedDto>;

public sealed record AvatarRemovedDto(bool Removed);
