using MediatR;
using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.Login;

public sealed class LoginCommandHandler(
    IUserRepository users, IPasswordHasher hasher, IAuditTrail audit, IClock clock, LoginGuard guard, SignInCompleter signIn)
    : IRequestHandler<LoginCommand, SignInResultDto>
{
    public async Task<SignInResultDto> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByLoginAsync(request.Login, cancellationToken);
        await guard.EnsureAllowedAsync(request.Login, user?.Id, cancellationToken);
        if (user is null)
        {
            // Same work, same bookkeeping and same answer as a wrong password, so accounts cannot be enumerated.
            hasher.VerifyAgainstDummy(request.Password);
            await guard.RecordFailureAsync(request.Login, cancellationToken);
            audit.Record(AuditActions.Login, AuditOutcomes.Failure, null, "unknown account");
            throw new InvalidCredentialsException();
        }

        var verification = user.VerifyPassword(request.Password, hasher);
        if (verification == PasswordVerification.Failed)
        {
            await guard.RecordFailureAsync(request.Login, cancellationToken);
            audit.Record(AuditActions.Login, AuditOutcomes.Failure, user.Id, "wrong password");
            throw new InvalidCredentialsException();
        }

        if (verification == PasswordVerification.SuccessRehashNeeded)
        {
            user.UpgradePasswordHash(hasher.Hash(request.Password));
        }

        // Only someone who knows the password learns that the account is suspended or banned.
        user.EnsureMaySignIn(clock.UtcNow);
        await guard.RecordSuccessAsync(request.Login, cancellationToken);
        user.RecordSuccessfulLogin(clock.UtcNow);
        audit.Record(AuditActions.Login, AuditOutcomes.Success, user.Id);
        return await signIn.CompleteAsync(user, cancellationToken);
    }
}
