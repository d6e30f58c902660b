using Veza.Application.Auth.AccountTokens;
using MediatR;
using Veza.Application.Auth;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.ChangePassword;

public sealed class ChangePasswordCommandHandler(
    IUserRepository users, SessionTerminator terminator, AccountTokenService tokens, IPasswordHasher hasher, IAuditTrail audit, IClock clock, ICurrentUser caller,
    LoginGuard guard)
    : IRequestHandler<ChangePasswordCommand, Unit>
{
    public async Task<Unit> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The account no longer exists.");
        var now = clock.UtcNow;

        if (!await guard.ConfirmPasswordAsync(user, request.CurrentPassword, cancellationToken))
        {
            audit.Record(AuditActions.PasswordChange, AuditOutcomes.Failure, user.Id, "wrong current password");
            throw new IncorrectPasswordException(IncorrectPasswordException.CurrentPassword);
        }

        user.ChangePassword(hasher.Hash(request.NewPassword), now);
        await terminator.RevokeAllAsync(user.Id, SessionRevocationReason.PasswordChanged, cancellationToken, exceptSessionId: caller.SessionId);
        await tokens.SupersedeAllAsync(user.Id, cancellationToken);

        audit.Record(AuditActions.PasswordChange, AuditOutcomes.Success, user.Id);
        return Unit.Value;
    }
}
