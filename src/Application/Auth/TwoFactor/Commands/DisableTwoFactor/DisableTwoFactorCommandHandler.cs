using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.TwoFactor.Commands.DisableTwoFactor;

public sealed class DisableTwoFactorCommandHandler(
    IUserRepository users, IMfaEnrolmentRepository enrolments, SecondFactorCheck check, LoginGuard guard, Common.Email.AccountMailer mailer, IAuditTrail audit, ICurrentUser caller)
    : IRequestHandler<DisableTwoFactorCommand, TwoFactorStatusDto>
{
    public async Task<TwoFactorStatusDto> Handle(DisableTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The account no longer exists.");
        if (!await guard.ConfirmPasswordAsync(user, request.Password, cancellationToken))
        {
            audit.Record(AuditActions.MfaDisable, AuditOutcomes.Failure, user.Id, "wrong password");
            throw new IncorrectPasswordException(IncorrectPasswordException.Password);
        }

        var enrolment = await enrolments.HoldAsync(user.Id, cancellationToken);
        if (enrolment is not { IsEnabled: true })
        {
            throw new DomainException("Two-factor authentication is not on for this account.");
        }

        await check.SpendAsync(enrolment, request, AuditActions.MfaDisable, cancellationToken);
        enrolments.Remove(enrolment);
        // The owner hears of it at their address: a stolen session and password must not lower the guard unnoticed.
        mailer.Queue(user, Common.Email.AccountEmails.TwoFactorDisabledNotice);
        audit.Record(AuditActions.MfaDisable, AuditOutcomes.Success, user.Id, request.UsesRecoveryCode() ? "with a recovery code" : null);
        return new TwoFactorStatusDto(false, false, null, 0);
    }
}
