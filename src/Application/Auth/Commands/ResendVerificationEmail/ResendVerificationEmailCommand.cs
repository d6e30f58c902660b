using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Auth.Commands.ResendVerificationEmail;

/// <summary>Mails the caller a new verification link (the older one stops working once it is sent).</summary>
[Authorize]
public sealed record ResendVerificationEmailCommand : ICommand<EmailAddressDto>;
