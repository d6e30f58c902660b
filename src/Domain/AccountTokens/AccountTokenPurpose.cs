namespace Veza.Domain.AccountTokens;

/// <summary>What a one-time account token proves. Each purpose has its own lifetime and a newer token supersedes older ones.</summary>
public enum AccountTokenPurpose
{
    /// <summary>The owner reads mail at the account's address (link sent on registration or on request).</summary>
    EmailVerification = 0,

    /// <summary>Sets a new password without the old one (forgot password).</summary>
    PasswordReset = 1,

    /// <summary>Moves the account to the address in the token's payload once that address proves it reads mail.</summary>
    EmailChange = 2,

    /// <summary>Signs in without a password (a link mailed to the account's address).</summary>
    MagicLink = 3,

    /// <summary>The first factor passed; spent by a correct second factor.</summary>
    MfaChallenge = 4,

    /// <summary>The provider signed the user in; the frontend swaps this for the token pair (never tokens in a URL).</summary>
    OAuthLogin = 5,
}

public static class AccountTokenPurposes
{
    public static string ToName(this AccountTokenPurpose purpose) => purpose switch
    {
        AccountTokenPurpose.EmailVerification => "email_verification",
        AccountTokenPurpose.PasswordReset => "password_reset",
        AccountTokenPurpose.EmailChange => "email_change",
        AccountTokenPurpose.MagicLink => "magic_link",
        AccountTokenPurpose.MfaChallenge => "mfa_challenge",
        AccountTokenPurpose.OAuthLogin => "oauth_login",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    public static AccountTokenPurpose Parse(string name) =>
        Enum.GetValues<AccountTokenPurpose>().Where(p => p.ToName() == name).Cast<AccountTokenPurpose?>().SingleOrDefault()
            ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown account token purpose.");

    /// <summary>How long a token of each purpose stays usable (the figures; ASVS 5.0 level 2 asks for short-lived secrets).</summary>
    public static TimeSpan Lifetime(this AccountTokenPurpose purpose) => purpose switch
    {
        AccountTokenPurpose.EmailVerification => TimeSpan.FromHours(24),
        AccountTokenPurpose.PasswordReset => TimeSpan.FromMinutes(30),
        AccountTokenPurpose.EmailChange => TimeSpan.FromHours(24),
        AccountTokenPurpose.MagicLink => TimeSpan.FromMinutes(15),
        AccountTokenPurpose.MfaChallenge => TimeSpan.FromMinutes(5),
        AccountTokenPurpose.OAuthLogin => TimeSpan.FromSeconds(60),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}
