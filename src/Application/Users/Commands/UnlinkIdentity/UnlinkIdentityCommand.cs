using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Commands.UnlinkIdentity;

/// <summary>Stops the caller's account at a provider from signing them in, unless it is their last way in.</summary>
[Authorize]
public sealed record UnlinkIdentityCommand(string Provider) : ICommand<Unit>;
