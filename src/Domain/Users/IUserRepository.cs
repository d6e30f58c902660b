namespace Veza.Domain.Users;

public interface IUserRepository
{
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Finds a user by email or username, case-insensitively.</summary>
    Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken);

    Task<bool> UsernameTakenAsync(string username, CancellationToken cancellationToken);

    Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken);

    void Add(User user);
}
