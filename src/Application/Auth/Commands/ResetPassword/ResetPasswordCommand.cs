using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.Commands.ResetPassword;

/// <summary>Sets a new password with an emailed reset token, signs the account out everywhere and tells the owner by email.</summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<EmailAddressDto>;
