using MediatR;
using Veza.Application.Common.Email;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.Register;

public sealed class RegisterCommandHandler(
    IUserRepository users, IPasswordHasher hasher, IAuditTrail audit, IClock clock, SessionIssuer sessions, IRuntimeSettings settings, AccountMailer mailer)
    : IRequestHandler<RegisterCommand, AuthResultDto>
{
    public async Task<AuthResultDto> Handle(RegisterCommand request, CancellationToken cancellationToken)
    {
        if (!(await settings.GetAsync(cancellationToken)).RegistrationOpen)
        {
            throw new ForbiddenException("Registration is closed at the moment. Try again later.");
        }

        // Pre-checks give a precise field; the unique indexes still decide a race (also 409).
        if (await users.UsernameTakenAsync(request.Username, cancellationToken))
        {
            throw new ConflictException("This username is already taken.", "username");
        }

        if (await users.EmailTakenAsync(request.Email, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.", "email");
        }

        var now = clock.UtcNow;
        var user = User.Register(request.Username, request.Email, hasher.Hash(request.Password), now);
        users.Add(user);
        // Queued in this transaction: no account, no email; an account, its verification link.
        mailer.Queue(user, AccountEmails.EmailVerification);
        audit.Record(AuditActions.Register, AuditOutcomes.Success, user.Id);
        return sessions.StartSession(user);
    }
}
