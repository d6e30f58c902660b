using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;

/// <param name="LoginCode">The one-time code the provider callback put on the frontend page's URL.</param>
public sealed record ExchangeOAuthLoginCodeCommand(string LoginCode) : ICommand<SignInResultDto>;
