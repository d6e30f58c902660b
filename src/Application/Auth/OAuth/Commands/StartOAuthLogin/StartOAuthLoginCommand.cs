using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.OAuth.Commands.StartOAuthLogin;

/// <param name="Provider">google, github or discord.</param>
/// <param name="RedirectUri">The frontend page to return to; must be in OAuth:AllowedRedirectUris exactly.</param>
public sealed record StartOAuthLoginCommand(string Provider, string? RedirectUri) : ICommand<OAuthStartDto>;
