using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.RefreshSession;

/// <remarks>
/// Two refreshes with one token race for the session row; the loser runs again, finds the token
/// spent by the winner, and treats it as reuse: the whole family is revoked, the winner's new token too.
/// </remarks>
public sealed record RefreshSessionCommand(string RefreshToken) : ICommand<AuthResultDto>, IRetriedAfterConcurrentChange;
