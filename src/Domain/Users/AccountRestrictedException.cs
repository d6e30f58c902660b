namespace Veza.Domain.Users;

/// <summary>A suspended or banned account tried to sign in (403 ACCOUNT_SUSPENDED / ACCOUNT_BANNED, with the end date when there is one).</summary>
public sealed class AccountRestrictedException(AccountStatus status, DateTimeOffset? until)
    : Exception(status == AccountStatus.Banned
        ? "This account is banned."
        : until is { } end ? $"This account is suspended until {end:yyyy-MM-ddTHH:mm:ssZ}." : "This account is suspended.")
{
    public AccountStatus Status { get; } = status;

    public DateTimeOffset? Until { get; } = until;

    public string Code => Status == AccountStatus.Banned ? "ACCOUNT_BANNED" : "ACCOUNT_SUSPENDED";
}
