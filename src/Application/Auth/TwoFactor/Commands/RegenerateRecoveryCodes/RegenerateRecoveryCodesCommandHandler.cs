using MediatR;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.TwoFactor.Commands.RegenerateRecoveryCodes;

public sealed class RegenerateRecoveryCodesCommandHandler(
    IMfaEnrolmentRepository enrolments, IUserRepository users, SecondFactorCheck check, Common.Email.AccountMailer mailer, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<RegenerateRecoveryCodesCommand, RecoveryCodesDto>
{
    public async Task<RecoveryCodesDto> Handle(RegenerateRecoveryCodesCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var enrolment = await enrolments.HoldAsync(userId, cancellationToken);
        if (enrolment is not { IsEnabled: true })
        {
            throw new DomainException("Two-factor authentication is not on for this account.");
        }

        await check.SpendAsync(enrolment, request, AuditActions.MfaRecoveryCodesRegenerate, cancellationToken);
        var codes = RecoveryCodes.Generate();
        enrolment.ReplaceRecoveryCodes(codes.Select(RecoveryCodes.Hash), clock.UtcNow);
        if (await users.GetByIdAsync(userId, cancellationToken) is { } user)
        {
            mailer.Queue(user, Common.Email.AccountEmails.RecoveryCodesNotice);
        }

        audit.Record(AuditActions.MfaRecoveryCodesRegenerate, AuditOutcomes.Success, userId);
        return new RecoveryCodesDto(codes);
    }
}
