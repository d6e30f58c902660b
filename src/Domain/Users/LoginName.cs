namespace Veza.Domain.Users;

/// <summary>What a person types to sign in: an email (it holds '@', which usernames cannot) or a username.</summary>
public static class LoginName
{
    /// <summary>The normalised form the account lookup and the login throttle both key on.</summary>
    public static string Normalize(string login) =>
        EmailRules.IsEmailLogin(login) ? EmailRules.Normalize(login) : UsernameRules.Normalize(login);
}
