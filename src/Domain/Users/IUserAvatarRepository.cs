namespace Veza.Domain.Users;

public interface IUserAvatarRepository
{
    /// <summary>The user's avatar (the entity's id is the user's id), or null when they have none.</summary>
    Task<UserAvatar?> GetAsync(Guid userId, CancellationToken cancellationToken);

    void Add(UserAvatar avatar);

    void Remove(UserAvatar avatar);
}
