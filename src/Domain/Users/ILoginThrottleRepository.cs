namespace Veza.Domain.Users;

public interface ILoginThrottleRepository
{
    /// <summary>Reads a key's state without holding it (the check before a password is verified).</summary>
    Task<LoginThrottle?> FindAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the key's state, creating it if new, and holds it until the unit of work commits, so
    /// concurrent failures on one key are all counted.
    /// </summary>
    Task<LoginThrottle> HoldAsync(string keyHash, LoginThrottlePolicy policy, DateTimeOffset now, CancellationToken cancellationToken);
}
