namespace Veza.Domain.Identities;

public interface IPendingOAuthLoginRepository
{
    Task<PendingOAuthLogin?> FindByStateHashAsync(string stateHash, CancellationToken cancellationToken);

    void Add(PendingOAuthLogin login);
}
