using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.SignInWithMagicLink;

/// <summary>Spends an emailed sign-in link: the token pair, or the second-factor challenge when the account has one on.</summary>
public sealed record SignInWithMagicLinkCommand(string Token) : ICommand<SignInResultDto>;
