using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.ListMyIdentities;

/// <summary>The outside accounts (Google, GitHub, Discord) the caller can sign in with, oldest link first.</summary>
[Authorize]
public sealed record ListMyIdentitiesQuery : IQuery<IReadOnlyList<IdentityDto>>;

/// <param name="Provider">google, github or discord.</param>
/// <param name="Email">The address the provider gave when last used, if any.</param>
public sealed record IdentityDto(string Provider, string? Email, DateTimeOffset LinkedAt);
