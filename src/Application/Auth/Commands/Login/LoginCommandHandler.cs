using Veza.Domain.Users;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Commands.Login;

public sealed class LoginCommandHandler(
    IUserRepository users, IPasswordHasher hasher, IAuditTrail audit, IClock clock, ICurrentUser caller, SessionIssuer sessions)
    : IRequestHandler<LoginCommand, AuthResultDto>
{
    public async Task<AuthResultDto> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var user = await users.FindByLoginAsync(request.Login, cancellationToken);
        if (user is null)
        {
            // Same work and same answer as a wrong password, so accounts cannot be enumerated.
            hasher.VerifyAgainstDummy(request.Password);
            audit.Record(AuditEvent.Record(AuditActions.Login, AuditOutcomes.Failure, null, now, caller.IpAddress, caller.UserAgent, "unknown account"));
            throw new InvalidCredentialsException();
        }

        var verification = user.VerifyPassword(request.Password, hasher, now);
        if (verification == PasswordVerification.Failed)
        {
            audit.Record(AuditEvent.Record(AuditActions.Login, AuditOutcomes.Failure, user.Id, now, caller.IpAddress, caller.UserAgent, "wrong password"));
            throw new InvalidCredentialsException();
        }

        if (verification == PasswordVerification.SuccessRehashNeeded)
        {
            user.UpgradePasswordHash(hasher.Hash(request.Password));
        }

        user.RecordSuccessfulLogin(now);
        audit.Record(AuditEvent.Record(AuditActions.Login, AuditOutcomes.Success, user.Id, now, caller.IpAddress, caller.UserAgent));
        return sessions.StartSession(user);
    }
}
