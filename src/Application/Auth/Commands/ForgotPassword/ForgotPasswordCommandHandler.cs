using MediatR;
using Veza.Application.Common.Email;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.ForgotPassword;

public sealed class ForgotPasswordCommandHandler(IUserRepository users, AccountMailer mailer, AccountEmailThrottle throttle, IAuditTrail audit)
    : IRequestHandler<ForgotPasswordCommand, EmailRequestAcceptedDto>
{
    public const string ThrottleName = "forgot-password";

    public async Task<EmailRequestAcceptedDto> Handle(ForgotPasswordCommand request, CancellationToken cancellationToken)
    {
        await throttle.EnsureAllowedForAddressAsync(ThrottleName, request.Email, cancellationToken);
        var user = await users.FindByLoginAsync(request.Email, cancellationToken);
        // Suspended and banned accounts get the link too: a reset signs nobody in (sign-in still refuses
        // them), and refusing here would tell a stranger the account is restricted.
        if (user is null || user.Status == AccountStatus.Deleted)
        {
            audit.Record(AuditActions.PasswordResetRequest, AuditOutcomes.Failure, null, "unknown address");
            return EmailRequestAcceptedDto.Instance;
        }

        mailer.Queue(user, AccountEmails.PasswordReset);
        audit.Record(AuditActions.PasswordResetRequest, AuditOutcomes.Success, user.Id);
        return EmailRequestAcceptedDto.Instance;
    }
}
