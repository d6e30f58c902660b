using System.Reflection;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Common.Behaviours;

public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser, PrivilegedSecondFactorRule secondFactorRule) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AuthorizeAttribute[] Requirements = typeof(TRequest).GetCustomAttributes<AuthorizeAttribute>().ToArray();

    // Parsed once per request type; each entry is one attribute's allowed roles (all attributes must pass).
    private static readonly Role[][] RoleRequirements = Requirements
        .Where(r => !string.IsNullOrWhiteSpace(r.Roles))
        .Select(r => r.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => RoleNames.TryParse(name, out var role) ? role : throw new InvalidOperationException($"Unknown role '{name}' on {typeof(TRequest).Name}."))
            .ToArray())
        .ToArray();

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

        if (RoleRequirements.Any(allowed => currentUser.Role is not { } role || !allowed.Contains(role)))
        {
            throw new ForbiddenException();
        }

        // A role-restricted request from an admin: the one place require_mfa_for_admins is enforced.
        return RoleRequirements.Length > 0 && PrivilegedSecondFactorRule.AppliesTo(currentUser.Role!.Value)
            ? AfterSecondFactorRuleAsync(currentUser.UserId.Value, next, cancellationToken)
            : next();
    }

    private async Task<TResponse> AfterSecondFactorRuleAsync(Guid userId, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        await secondFactorRule.EnsureSatisfiedAsync(userId, cancellationToken);
        return await next();
    }
}
