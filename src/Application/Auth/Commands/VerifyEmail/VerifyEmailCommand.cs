using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.VerifyEmail;

/// <summary>Spends an emailed verification token: the account's address is verified. No sign-in needed (the token is the proof).</summary>
public sealed record VerifyEmailCommand(string Token) : ICommand<EmailAddressDto>;
