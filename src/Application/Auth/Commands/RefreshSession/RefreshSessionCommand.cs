using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.RefreshSession;

public sealed record RefreshSessionCommand(string RefreshToken) : ICommand<AuthResultDto>;
