namespace Veza.Application.Auth;

/// <summary>
/// The answer to a request that may send an email (forgot password, magic link, change of address):
/// always the same, whether or not an account was found, so nothing is learnt from it.
/// </summary>
public sealed record EmailRequestAcceptedDto(bool Accepted)
{
    public const string Message = "If an account uses this address, an email is on its way.";

    public static readonly EmailRequestAcceptedDto Instance = new(true);
}

/// <summary>The account's address and whether its owner proved they read mail there.</summary>
public sealed record EmailAddressDto(string Email, bool EmailVerified);
