using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Identities;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.UnlinkIdentity;

public sealed class UnlinkIdentityCommandHandler(IUserIdentityRepository identities, IUserRepository users, ICurrentUser caller, IAuditTrail audit)
    : IRequestHandler<UnlinkIdentityCommand, Unit>
{
    public async Task<Unit> Handle(UnlinkIdentityCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var linked = await identities.ListForUserAsync(userId, cancellationToken);
        var identity = ExternalProviders.TryParse(request.Provider, out var provider) ? linked.FirstOrDefault(i => i.Provider == provider) : null;
        if (identity is null)
        {
            throw new NotFoundException("No account at this provider is linked.");
        }

        var user = await users.GetByIdAsync(userId, cancellationToken) ?? throw new NotFoundException("The account no longer exists.");
        if (!user.HasPassword && linked.Count == 1)
        {
            audit.Record(AuditActions.IdentityUnlink, AuditOutcomes.Failure, userId, $"{provider.ToName()}: last way to sign in");
            throw new LastWayToSignInException();
        }

        identities.Remove(identity);
        audit.Record(AuditActions.IdentityUnlink, AuditOutcomes.Success, userId, provider.ToName());
        return Unit.Value;
    }
}
