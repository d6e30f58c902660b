using MediatR;
using Veza.Application.Admin;
using Veza.Application.Auth;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Social;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.DeleteAccount;

public sealed class DeleteAccountCommandHandler(
    IUserRepository users,
    SessionTerminator terminator,
    IFollowRepository follows,
    IBlockRepository blocks,
    IUserPreferencesRepository preferences,
    IAuditTrail audit,
    IClock clock,
    ICurrentUser caller,
    LoginGuard guard,
    ISuperAdminRoster superAdmins)
    : IRequestHandler<DeleteAccountCommand, Unit>
{
    public async Task<Unit> Handle(DeleteAccountCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The account no longer exists.");
        var now = clock.UtcNow;

        if (!await guard.ConfirmPasswordAsync(user, request.Password, cancellationToken))
        {
            audit.Record(AuditActions.AccountDelete, AuditOutcomes.Failure, user.Id, "wrong password", AuditTargets.User(user.Id));
            throw new IncorrectPasswordException(IncorrectPasswordException.Password);
        }

        if (user.Role == Role.SuperAdmin)
        {
            await superAdmins.EnsureNotLastAsync(user.Id, cancellationToken);
        }

        await terminator.RevokeAllAsync(user.Id, SessionRevocationReason.AccountDeleted, cancellationToken);

        user.Delete(now);
        await follows.RemoveAllOfAsync(user.Id, cancellationToken);
        await blocks.RemoveAllOfAsync(user.Id, cancellationToken);
        await preferences.RemoveAsync(user.Id, cancellationToken);
        audit.Record(AuditActions.AccountDelete, AuditOutcomes.Success, user.Id, target: AuditTargets.User(user.Id));
        return Unit.Value;
    }
}
