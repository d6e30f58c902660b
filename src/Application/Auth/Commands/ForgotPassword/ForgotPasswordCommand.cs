using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.ForgotPassword;

/// <summary>Mails a password-reset link to the account with this address, if there is one; the answer never says.</summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand<EmailRequestAcceptedDto>;
