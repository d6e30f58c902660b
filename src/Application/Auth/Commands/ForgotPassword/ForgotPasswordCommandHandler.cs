using MediatR;
using Veza.Application.Common.Email;
using Veza.Domain.Auditing;

namespace Veza.Application.Auth.Commands.ForgotPassword;

/// <remarks>
/// Suspended and banned accounts get the link too: a reset signs nobody in (sign-in still refuses them),
/// and refusing here would tell a stranger the account is restricted.
/// </remarks>
public sealed class ForgotPasswordCommandHandler(AddressMailRequest mail) : IRequestHandler<ForgotPasswordCommand, EmailRequestAcceptedDto>
{
    public const string ThrottleName = "forgot-password";

    public Task<EmailRequestAcceptedDto> Handle(ForgotPasswordCommand request, CancellationToken cancellationToken) =>
        mail.SendAsync(request.Email, AccountEmails.PasswordReset, ThrottleName, AuditActions.PasswordResetRequest, cancellationToken);
}
