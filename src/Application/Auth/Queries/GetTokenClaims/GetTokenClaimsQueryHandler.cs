using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Queries.GetTokenClaims;

public sealed class GetTokenClaimsQueryHandler(ICurrentUser caller) : IRequestHandler<GetTokenClaimsQuery, TokenClaimsDto>
{
    public Task<TokenClaimsDto> Handle(GetTokenClaimsQuery request, CancellationToken cancellationToken)
    {
        if (caller is not { UserId: { } userId, Username: { } username, Role: { } role, SessionId: { } sessionId, AccessTokenExpiresAt: { } expiresAt })
        {
            throw new UnauthorizedException("The access token lacks required claims.");
        }

        return Task.FromResult(new TokenClaimsDto(true, userId, username, role, sessionId, expiresAt));
    }
}
