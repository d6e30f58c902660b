using MediatR;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.EnsureSuperAdmin;

public sealed class EnsureSuperAdminCommandHandler(IUserRepository users, IPasswordHasher hasher, IClock clock)
    : IRequestHandler<EnsureSuperAdminCommand, Guid>
{
    public async Task<Guid> Handle(EnsureSuperAdminCommand request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var existing = await users.FindByLoginAsync(request.Email, cancellationToken)
            ?? await users.FindByLoginAsync(request.Username, cancellationToken);
        if (existing is not null)
        {
            // The configured password is only a first password: an existing account keeps its own.
            existing.ChangeRole(Role.SuperAdmin, now);
            return existing.Id;
        }

        var user = User.Register(request.Username, request.Email, hasher.Hash(request.Password), now, Role.SuperAdmin);
        users.Add(user);
        return user.Id;
    }
}
