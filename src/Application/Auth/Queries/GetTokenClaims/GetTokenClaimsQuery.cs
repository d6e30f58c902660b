using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Queries.GetTokenClaims;

/// <summary>For other services: is this access token valid, and whose is it?</summary>
[Authorize]
public sealed record GetTokenClaimsQuery : IQuery<TokenClaimsDto>;

public sealed record TokenClaimsDto(bool Valid, Guid UserId, string Username, Role Role, Guid SessionId, DateTimeOffset ExpiresAt);
