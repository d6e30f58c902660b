using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.RequestMagicLink;

/// <summary>Mails a sign-in link to the account with this address, if there is one; the answer never says.</summary>
public sealed record RequestMagicLinkCommand(string Email) : ICommand<EmailRequestAcceptedDto>;
