using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.GetCurrentUser;

[Authorize]
public sealed record GetCurrentUserQuery : IQuery<UserDto>;
