using Veza.Application.Common.Messaging;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars;

/// <summary>A deleted account keeps no picture: its avatar goes after the deletion commits (at most once, through the inbox).</summary>
[ConsumerName("users.remove_deleted_users_avatar")]
public sealed class RemoveDeletedUsersAvatar(AvatarRemoval removal) : IIntegrationEventConsumer<UserDeleted>
{
    public Task Handle(UserDeleted integrationEvent, CancellationToken cancellationToken) => removal.RemoveAsync(integrationEvent.UserId, cancellationToken);
}
