using System.Reflection;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Common.Behaviours;

public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AuthorizeAttribute[] Requirements = typeof(TRequest).GetCustomAttributes<AuthorizeAttribute>().ToArray();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (Requirements.Length == 0)
        {
            return next();
        }

        if (!currentUser.IsAuthenticated || currentUser.UserId is null)
        {
            throw new UnauthorizedException();
        }

        foreach (var requirement in Requirements)
        {
            if (string.IsNullOrWhiteSpace(requirement.Roles))
            {
                continue;
            }

            var allowed = requirement.Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Any(name => RoleNames.TryParse(name, out var role) && currentUser.Role == role);
            if (!allowed)
            {
                throw new ForbiddenException();
            }
        }

        return next();
    }
}
