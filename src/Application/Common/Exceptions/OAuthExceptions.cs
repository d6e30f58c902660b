using Veza.Domain.Common;

namespace Veza.Application.Common.Exceptions;

/// <summary>
/// An OAuth callback whose <c>state</c> matches no sign-in this API started: 400, with no redirect (the
/// return page is unknown, and a forged callback must not be able to steer a browser anywhere).
/// </summary>
public sealed class InvalidOAuthStateException()
    : RequestValidationException([new FieldError("state", "This sign-in is unknown. Start it again.")]), IRecordedFailure;

/// <summary>422 INVALID_STATE: unlinking this provider would leave the account with no way to sign in (no password, no other link).</summary>
public sealed class LastWayToSignInException()
    : DomainException("This is the only way to sign in to this account. Set a password (forgot password) or link another provider first."), IRecordedFailure;

/// <summary>
/// 422 INVALID_STATE: the account has no password yet (made through a provider), so there is none to
/// confirm or change; the owner sets one through forgot password.
/// </summary>
public sealed class NoPasswordSetException()
    : DomainException("This account has no password yet. Set one with forgot password (a link sent to your address).");
