using Veza.Application.Auth.AccountTokens;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.SignIn;

/// <summary>
/// The last step of every first-factor sign-in (password, magic link, OAuth): the one place that decides
/// between issuing the token pair and asking for the second factor, so no way in skips it.
/// The caller has already checked the account may sign in and recorded the login.
/// </summary>
public sealed class SignInCompleter(SessionIssuer sessions, IMfaEnrolmentRepository enrolments, AccountTokenService tokens, IAuditTrail audit)
{
    public async Task<SignInResultDto> CompleteAsync(User user, CancellationToken cancellationToken)
    {
        if (!await enrolments.IsEnabledAsync(user.Id, cancellationToken))
        {
            return SignInResultDto.SignedIn(sessions.StartSession(user));
        }

        // No session yet: the challenge (5 minutes, superseding any earlier one) is spent by a right code at /auth/2fa/verify.
        var challenge = await tokens.IssueAsync(user.Id, AccountTokenPurpose.MfaChallenge, null, cancellationToken);
        audit.Record(AuditActions.MfaChallenge, AuditOutcomes.Success, user.Id);
        return SignInResultDto.SecondFactorRequired(challenge.Secret, challenge.Token.ExpiresAt);
    }
}
