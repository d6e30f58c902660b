using Veza.Domain.Auditing;
using Veza.Domain.Identities;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Auth.AccountTokens;

/// <summary>
/// Pre-account hijacking defence (docs/decisions/0028). Anyone can register an address they do not own
/// and wait: when the owner later proves the address for the first time (a magic link or a password
/// reset reached the mailbox), everything the earlier holder may have set up on the account stops
/// working: their sessions, provider identities they linked, a second factor they enrolled, and (for a
/// magic link, which sets no password) the password they chose.
/// </summary>
public sealed class AddressOwnerClaim(
    IUserIdentityRepository identities, IMfaEnrolmentRepository enrolments, SessionTerminator terminator, IUnitOfWork unitOfWork, IAuditTrail audit, IClock clock)
{
    /// <summary>Marks the address verified; the first time, takes the account back from whoever held it before.</summary>
    /// <param name="ownerSetPassword">True when the proof came with a password the owner just chose (a reset).</param>
    public async Task ProveAddressAsync(User user, bool ownerSetPassword, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (!user.MarkEmailVerified(now))
        {
            return;
        }

        if (!ownerSetPassword)
        {
            user.RemovePassword(now);
        }

        var linked = await identities.ListForUserAsync(user.Id, cancellationToken);
        foreach (var identity in linked)
        {
            identities.Remove(identity);
        }

        var enrolment = await enrolments.HoldAsync(user.Id, cancellationToken);
        if (enrolment is not null)
        {
            enrolments.Remove(enrolment);
        }

        var revoked = await terminator.RevokeAllAsync(user.Id, SessionRevocationReason.AddressOwnerClaimed, cancellationToken);
        // Saved now, inside the use case's transaction: the sign-in that follows reads the second factor from the database.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.AddressOwnerClaim, AuditOutcomes.Success, user.Id,
            $"{revoked} sessions revoked, {linked.Count} identities unlinked, second factor {(enrolment is null ? "none" : "removed")}{(ownerSetPassword ? "" : ", password removed")}");
    }
}
