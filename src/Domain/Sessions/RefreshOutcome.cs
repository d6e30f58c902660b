namespace Veza.Domain.Sessions;

public enum RefreshOutcome
{
    Rotated,
    /// <summary>The presented token was already spent: the session (the whole token family) is now revoked.</summary>
    ReuseDetected,
    Expired,
    Revoked,
}
