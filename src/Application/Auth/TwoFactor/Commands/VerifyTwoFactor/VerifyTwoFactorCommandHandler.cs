using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.TwoFactor.Commands.VerifyTwoFactor;

public sealed class VerifyTwoFactorCommandHandler(
    AccountTokenService tokens, IMfaEnrolmentRepository enrolments, IUserRepository users, SecondFactorCheck check,
    SessionIssuer sessions, IAuditTrail audit, IClock clock)
    : IRequestHandler<VerifyTwoFactorCommand, SignInResultDto>
{
    public const string MfaTokenField = "mfa_token";

    public async Task<SignInResultDto> Handle(VerifyTwoFactorCommand request, CancellationToken cancellationToken)
    {
        // Looked at, not spent: a wrong code leaves the challenge usable (the lock bounds the guesses).
        var challenge = await tokens.PeekUsableAsync(AccountTokenPurpose.MfaChallenge, request.MfaToken, MfaTokenField, cancellationToken);
        var enrolment = await enrolments.HoldAsync(challenge.UserId, cancellationToken);
        var user = await users.GetByIdAsync(challenge.UserId, cancellationToken);
        if (enrolment is not { IsEnabled: true } || user is null)
        {
            // Turned off (or the account deleted) since the first step: that sign-in must start again.
            audit.Record(AuditActions.MfaVerify, AuditOutcomes.Failure, challenge.UserId, "second factor no longer on");
            throw new InvalidAccountTokenException(MfaTokenField);
        }

        // Suspended or banned between the two steps: no session.
        user.EnsureMaySignIn(clock.UtcNow);
        await check.SpendAsync(enrolment, request, AuditActions.MfaVerify, cancellationToken);
        await tokens.RedeemAsync(AccountTokenPurpose.MfaChallenge, request.MfaToken, MfaTokenField, cancellationToken);
        audit.Record(AuditActions.MfaVerify, AuditOutcomes.Success, user.Id, request.UsesRecoveryCode() ? "recovery code" : "code");
        return SignInResultDto.SignedIn(sessions.StartSession(user));
    }
}
