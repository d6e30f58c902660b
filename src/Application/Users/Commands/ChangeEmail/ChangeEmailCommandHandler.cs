using MediatR;
using Veza.Application.Auth;
using Veza.Application.Common.Email;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.ChangeEmail;

public sealed class ChangeEmailCommandHandler(IUserRepository users, ICurrentUser caller, LoginGuard guard, AccountMailer mailer, IAuditTrail audit)
    : IRequestHandler<ChangeEmailCommand, EmailRequestAcceptedDto>
{
    public async Task<EmailRequestAcceptedDto> Handle(ChangeEmailCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The account no longer exists.");
        if (!await guard.ConfirmPasswordAsync(user, request.Password, cancellationToken))
        {
            audit.Record(AuditActions.EmailChangeRequest, AuditOutcomes.Failure, user.Id, "wrong password");
            throw new IncorrectPasswordException(IncorrectPasswordException.Password);
        }

        if (EmailRules.Normalize(request.NewEmail) == user.NormalizedEmail)
        {
            throw new RequestValidationException([new FieldError("new_email", "This is already the account's address.")]);
        }

        // The caller proved who they are, so saying the address is taken tells them no more than registering would.
        if (await users.EmailTakenAsync(request.NewEmail, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.", "new_email");
        }

        mailer.Queue(user, AccountEmails.EmailChangeConfirmation, request.NewEmail);
        mailer.Queue(user, AccountEmails.EmailChangeNotice);
        audit.Record(AuditActions.EmailChangeRequest, AuditOutcomes.Success, user.Id);
        return EmailRequestAcceptedDto.Instance;
    }
}
