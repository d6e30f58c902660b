using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Common.Email;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.ResetPassword;

public sealed class ResetPasswordCommandHandler(
    AccountTokenService tokens, AddressOwnerClaim claim, IPasswordHasher hasher, SessionTerminator terminator, AccountMailer mailer, IAuditTrail audit, IClock clock)
    : IRequestHandler<ResetPasswordCommand, EmailAddressDto>
{
    public async Task<EmailAddressDto> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var (_, user) = await tokens.RedeemForLiveUserAsync(AccountTokenPurpose.PasswordReset, request.Token, "token", cancellationToken);

        var now = clock.UtcNow;
        user.ChangePassword(hasher.Hash(request.NewPassword), now);
        var revoked = await terminator.RevokeAllAsync(user.Id, SessionRevocationReason.PasswordReset, cancellationToken);
        // The link reached the owner's mailbox: that proves the address as well as a verification link would.
        await claim.ProveAddressAsync(user, ownerSetPassword: true, cancellationToken);
        await tokens.SupersedeAllAsync(user.Id, cancellationToken);
        mailer.Queue(user, AccountEmails.PasswordResetNotice);
        audit.Record(AuditActions.PasswordReset, AuditOutcomes.Success, user.Id, $"{revoked} sessions revoked");
        return new EmailAddressDto(user.Email, user.IsEmailVerified);
    }
}
