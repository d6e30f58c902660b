using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.OAuth.Commands.CompleteOAuthLogin;

/// <summary>The provider sent the browser back: with a code, or with an error (such as access_denied).</summary>
public sealed record CompleteOAuthLoginCommand(string Provider, string? Code, string? State, string? Error) : ICommand<OAuthCallbackResult>;
