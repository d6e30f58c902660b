namespace Veza.Domain.AccountTokens;

public interface IAccountTokenRepository
{
    /// <summary>The token of this purpose whose secret hashes to <paramref name="tokenHash"/>, whatever its state.</summary>
    Task<AccountToken?> FindAsync(AccountTokenPurpose purpose, string tokenHash, CancellationToken cancellationToken);

    /// <summary>The user's tokens of this purpose that are still usable (to supersede them).</summary>
    Task<IReadOnlyList<AccountToken>> ListUsableAsync(Guid userId, AccountTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken);

    void Add(AccountToken token);
}
