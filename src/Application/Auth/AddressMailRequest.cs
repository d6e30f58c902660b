using Veza.Application.Common.Email;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth;

/// <summary>
/// A stranger asks for an email to an address (a reset link, a magic link): throttled per address, then
/// queued when the address belongs to a live account. The answer is the same either way, so nobody learns
/// whether an account exists; the audit trail keeps which it was.
/// </summary>
public sealed class AddressMailRequest(IUserRepository users, AccountMailer mailer, AccountEmailThrottle throttle, IAuditTrail audit)
{
    /// <param name="email">One of <see cref="AccountEmails"/>.</param>
    public async Task<EmailRequestAcceptedDto> SendAsync(string address, string email, string throttleName, string auditAction, CancellationToken cancellationToken)
    {
        await throttle.EnsureAllowedForAddressAsync(throttleName, address, cancellationToken);
        var user = await users.FindByLoginAsync(address, cancellationToken);
        if (user is null || user.Status == AccountStatus.Deleted)
        {
            audit.Record(auditAction, AuditOutcomes.Failure, null, "unknown address");
            return EmailRequestAcceptedDto.Instance;
        }

        mailer.Queue(user, email);
        audit.Record(auditAction, AuditOutcomes.Success, user.Id);
        return EmailRequestAcceptedDto.Instance;
    }
}
