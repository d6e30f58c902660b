namespace Veza.Domain.Users;

public interface IUserPreferencesRepository
{
    Task<UserPreferences?> FindAsync(Guid userId, CancellationToken cancellationToken);

    void Add(UserPreferences preferences);

    /// <summary>Forgets the user's preferences (account deletion).</summary>
    Task RemoveAsync(Guid userId, CancellationToken cancellationToken);
}
