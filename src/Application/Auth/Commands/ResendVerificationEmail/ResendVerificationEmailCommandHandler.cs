using MediatR;
using Veza.Application.Common.Email;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.ResendVerificationEmail;

public sealed class ResendVerificationEmailCommandHandler(
    IUserRepository users, ICurrentUser caller, AccountMailer mailer, AccountEmailThrottle throttle, IAuditTrail audit)
    : IRequestHandler<ResendVerificationEmailCommand, EmailAddressDto>
{
    public const string ThrottleName = "verify-email-resend";

    public async Task<EmailAddressDto> Handle(ResendVerificationEmailCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The account no longer exists.");
        if (user.IsEmailVerified)
        {
            throw new ConflictException("This email address is already verified.", "email");
        }

        await throttle.EnsureAllowedForUserAsync(ThrottleName, user.Id, cancellationToken);
        mailer.Queue(user, AccountEmails.EmailVerification);
        audit.Record(AuditActions.EmailVerificationSend, AuditOutcomes.Success, user.Id, "resend requested");
        return new EmailAddressDto(user.Email, false);
    }
}
