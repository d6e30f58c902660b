namespace Veza.Domain.Identities;

public interface IPendingOAuthLoginRepository
{
    Task<PendingOAuthLogin?> FindByStateHashAsync(string stateHash, CancellationToken cancellationToken);

    void Add(PendingOAuthLogin login);

    /// <summary>Deletes the sign-ins that expired before <paramref name="before"/> (abandoned at the provider, or long finished).</summary>
    Task DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
