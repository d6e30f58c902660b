using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.ConfirmEmailChange;

/// <summary>Spends the link mailed to a new address: the account moves to it, verified. No sign-in needed (the token is the proof).</summary>
public sealed record ConfirmEmailChangeCommand(string Token) : ICommand<EmailAddressDto>;
