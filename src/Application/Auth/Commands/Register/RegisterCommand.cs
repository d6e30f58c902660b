using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.Register;

public sealed record RegisterCommand(string Username, string Email, string Password) : ICommand<AuthResultDto>;
