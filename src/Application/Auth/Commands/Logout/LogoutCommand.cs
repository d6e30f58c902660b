using MediatR;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.Logout;

/// <summary>Ends the session the refresh token belongs to; the token itself is the credential, so an expired access token does not prevent logging out.</summary>
public sealed record LogoutCommand(string RefreshToken) : ICommand<Unit>;
