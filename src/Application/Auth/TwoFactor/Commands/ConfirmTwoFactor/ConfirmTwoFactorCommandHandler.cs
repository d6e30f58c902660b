using MediatR;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.TwoFactor.Commands.ConfirmTwoFactor;

public sealed class ConfirmTwoFactorCommandHandler(
    IMfaEnrolmentRepository enrolments, SecondFactorCheck check, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<ConfirmTwoFactorCommand, RecoveryCodesDto>
{
    public async Task<RecoveryCodesDto> Handle(ConfirmTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var enrolment = await enrolments.HoldAsync(userId, cancellationToken)
            ?? throw new DomainException("Set up two-factor authentication first (POST /api/v1/auth/2fa/setup).");
        if (enrolment.IsEnabled)
        {
            throw new DomainException("Two-factor authentication is already on for this account.");
        }

        var step = await check.MatchCodeAsync(enrolment, request.Code, AuditActions.MfaEnable, cancellationToken);
        var codes = RecoveryCodes.Generate();
        enrolment.Enable(step, codes.Select(RecoveryCodes.Hash), clock.UtcNow);
        audit.Record(AuditActions.MfaEnable, AuditOutcomes.Success, userId);
        return new RecoveryCodesDto(codes);
    }
}
