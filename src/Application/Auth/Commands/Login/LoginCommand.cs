using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.Login;

/// <param name="Login">Email or username.</param>
public sealed record LoginCommand(string Login, string Password) : ICommand<SignInResultDto>;
