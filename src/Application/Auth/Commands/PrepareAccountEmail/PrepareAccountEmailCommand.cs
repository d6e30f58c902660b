using Veza.Application.Common.Email;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Commands.PrepareAccountEmail;

/// <summary>
/// Internal (no endpoint): renders a queued account email, issuing its link's token in this command's
/// transaction, so the token is stored before the email leaves. Null when it should no longer be sent
/// (the account was deleted, or the address got verified meanwhile).
/// </summary>
public sealed record PrepareAccountEmailCommand(SendAccountEmailJob Job) : ICommand<EmailMessage?>;
