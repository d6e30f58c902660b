using Veza.Application.Common.Exceptions;

namespace Veza.Application.Auth.TwoFactor;

/// <summary>
/// A second-factor code or recovery code is wrong, already used or out of its time window: 400 on the
/// field that carried it, with one message for all, counted towards the account's second-factor lock.
/// </summary>
public sealed class IncorrectSecondFactorException(string field)
    : RequestValidationException([new FieldError(field, "The code is incorrect or was already used.")]), IRecordedFailure;
