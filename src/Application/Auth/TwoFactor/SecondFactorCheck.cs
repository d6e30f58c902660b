using System.Security.Cryptography;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.TwoFactor;

/// <summary>
/// Every check of a second-factor code (enrolment, sign-in, turning it off, new recovery codes) goes
/// through here: the account's lock (<see cref="LoginThrottlePolicy.SecondFactor"/>, the same machinery
/// as password brute force, docs/decisions/0008 and 0016) is checked first, a wrong code is counted and
/// audited, a right one is spent on the enrolment, which the caller holds locked.
/// </summary>
public sealed class SecondFactorCheck(ILoginThrottleRepository throttles, ISecretProtector protector, IClock clock, IAuditTrail audit)
{
    /// <summary>Throws <see cref="RateLimitedException"/> (429 with Retry-After) while the account's second step is locked.</summary>
    public async Task EnsureAllowedAsync(Guid userId, CancellationToken cancellationToken)
    {
        if ((await throttles.FindAsync(Key(userId), cancellationToken))?.LockedFor(clock.UtcNow) is { } wait)
        {
            throw new RateLimitedException(wait, "Too many wrong codes. Try again later.");
        }
    }

    /// <summary>The step a code from the authenticator matches, not yet spent (enrolment spends it when it turns the factor on).</summary>
    public async Task<long> MatchCodeAsync(MfaEnrolment enrolment, string code, string auditAction, CancellationToken cancellationToken)
    {
        await EnsureAllowedAsync(enrolment.Id, cancellationToken);
        if (Match(enrolment, code) is { } step)
        {
            await ClearFailuresAsync(enrolment.Id, cancellationToken);
            return step;
        }

        throw await FailedAsync(enrolment.Id, SecondFactorProofRules.CodeField, auditAction, "wrong code", cancellationToken);
    }

    /// <summary>Spends the code (its step) or the recovery code; a wrong, replayed or used one is counted and refused.</summary>
    public async Task SpendAsync(MfaEnrolment enrolment, ISecondFactorProof proof, string auditAction, CancellationToken cancellationToken)
    {
        enrolment.EnsureEnabled();
        await EnsureAllowedAsync(enrolment.Id, cancellationToken);
        var now = clock.UtcNow;
        var usesRecoveryCode = proof.UsesRecoveryCode();
        var spent = usesRecoveryCode
            ? enrolment.TryUseRecoveryCode(RecoveryCodes.Hash(proof.RecoveryCode!), now)
            : Match(enrolment, proof.Code ?? string.Empty) is { } step && enrolment.TryAcceptStep(step, now);
        if (!spent)
        {
            throw await FailedAsync(
                enrolment.Id,
                usesRecoveryCode ? SecondFactorProofRules.RecoveryCodeField : SecondFactorProofRules.CodeField,
                auditAction,
                usesRecoveryCode ? "wrong recovery code" : "wrong code",
                cancellationToken);
        }

        await ClearFailuresAsync(enrolment.Id, cancellationToken);
    }

    /// <summary>A right code clears the account's count of wrong ones (earlier locks fade with time, as for passwords).</summary>
    private async Task ClearFailuresAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await throttles.FindAsync(Key(userId), cancellationToken) is { Failures: > 0 })
        {
            var now = clock.UtcNow;
            (await throttles.HoldAsync(Key(userId), LoginThrottlePolicy.SecondFactor, now, cancellationToken)).RecordSuccess(now);
        }
    }

    private long? Match(MfaEnrolment enrolment, string code)
    {
        var now = clock.UtcNow;
        var (secret, sealedWithOlderKey) = protector.Unprotect(enrolment.Secret, enrolment.Id);
        try
        {
            if (sealedWithOlderKey)
            {
                enrolment.Reseal(protector.Protect(secret, enrolment.Id), now);
            }

            return Totp.Match(secret, code, now, enrolment.LastAcceptedStep);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private async Task<Exception> FailedAsync(Guid userId, string field, string auditAction, string detail, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        (await throttles.HoldAsync(Key(userId), LoginThrottlePolicy.SecondFactor, now, cancellationToken)).RecordFailure(LoginThrottlePolicy.SecondFactor, now);
        audit.Record(auditAction, AuditOutcomes.Failure, userId, detail);
        return new IncorrectSecondFactorException(field);
    }

    private static string Key(Guid userId) => LoginThrottle.KeyFor(LoginThrottlePolicy.SecondFactor, userId.ToString("N"), null);
}
