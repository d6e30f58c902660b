using Veza.Application.Common.Exceptions;

namespace Veza.Application.Users.Commands.DeleteAccount;

/// <summary>The password given to confirm the deletion is wrong; counted like a failed login.</summary>
public sealed class IncorrectPasswordException()
    : RequestValidationException([new FieldError("password", "The password is incorrect.")]), IRecordedFailure;
