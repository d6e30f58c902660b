using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Common.Behaviours;

/// <summary>
/// Right after authorization: a request marked <see cref="IRequiresVerifiedEmail"/> needs a verified
/// address while the runtime setting require_verified_email is on. Unmarked requests cost nothing.
/// </summary>
public sealed class VerifiedEmailBehaviour<TRequest, TResponse>(ICurrentUser caller, IRuntimeSettings settings, IUserRepository users)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool Applies = typeof(IRequiresVerifiedEmail).IsAssignableFrom(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (Applies && (await settings.GetAsync(cancellationToken)).RequireVerifiedEmail)
        {
            if (caller.UserId is not { } userId)
            {
                throw new UnauthorizedException();
            }

            if (await users.GetByIdAsync(userId, cancellationToken) is not { IsEmailVerified: true })
            {
                throw new EmailNotVerifiedException();
            }
        }

        return await next();
    }
}
