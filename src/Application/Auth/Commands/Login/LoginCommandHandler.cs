using Veza.Domain.Users;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Commands.Login;

public sealed class LoginCommandHandler(
    IUserRepository users, IPasswordHasher hasher, IAuditTrail audit, IClock clock, SessionIssuer sessions)
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
            audit.Record(AuditActions.Login, AuditOutcomes.Failure, null, "unknown account");
            throw new InvalidCredentialsException();
        }

        var verification = user.VerifyPassword(request.Password, hasher, now);
        if (verification == PasswordVerification.Failed)
        {
            audit.Record(AuditActions.Login, AuditOutcomes.Failure, user.Id, "wrong password");
            throw new InvalidCredentialsException();
        }

        if (verification == PasswordVerification.SuccessRehashNeeded)
        {
            user.UpgradePasswordHash(hasher.Hash(request.Password));
        }

        user.RecordSuccessfulLogin(now);
        audit.Record(AuditActions.Login, AuditOutcomes.Success, user.Id);
        return sessions.StartSession(user);
    }
}
