namespace Veza.Domain.Identities;

public interface IUserIdentityRepository
{
    Task<UserIdentity?> FindAsync(ExternalProvider provider, string subject, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserIdentity>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);

    void Add(UserIdentity identity);

    void Remove(UserIdentity identity);
}
