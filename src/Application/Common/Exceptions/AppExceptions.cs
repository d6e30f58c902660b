namespace Veza.Application.Common.Exceptions;

public sealed record FieldError(string Field, string Message);

/// <summary>Input is malformed (400 VALIDATION_ERROR with per-field details).</summary>
public class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>401: the caller is not (or no longer) authenticated.</summary>
public class UnauthorizedException(string message = "Authentication is required.") : Exception(message);

/// <summary>403: authenticated, but not allowed.</summary>
public sealed class ForbiddenException(string message = "You are not allowed to do this.") : Exception(message);

/// <summary>404.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>409: the change collides with stored state (a duplicate, or a concurrent edit).</summary>
public class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>409: another request changed the same row between this one's read and its write.</summary>
public sealed class ConcurrentChangeException()
    : ConflictException("The resource was changed by another request. Reload it and try again.");

/// <summary>429 with Retry-After.</summary>
public sealed class RateLimitedException(TimeSpan retryAfter, string message = "Too many requests. Try again later.") : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// A failure whose bookkeeping (audit event, failed-attempt counter, revoked token family) must be
/// kept: the unit of work commits what the handler recorded before the exception reaches the caller.
/// </summary>
public interface IRecordedFailure;

public sealed class InvalidCredentialsException() : UnauthorizedException("Invalid login or password."), IRecordedFailure;

public sealed class InvalidRefreshTokenException(string message = "The refresh token is invalid, expired or revoked.")
    : UnauthorizedException(message), IRecordedFailure;

/// <summary>
/// A password given to confirm a sensitive change (password change, account deletion) is wrong: 400 on
/// the field that carried it, counted like a failed login.
/// </summary>
public sealed class IncorrectPasswordException(string field)
    : RequestValidationException([new FieldError(field, "The password is incorrect.")]), IRecordedFailure
{
    public const string CurrentPassword = "current_password";
    public const string Password = "password";
}

/// <summary>
/// A one-time token (emailed link, second-factor challenge, OAuth login code) is unknown, expired, spent
/// or superseded: 400 on the field that carried it, with one message for all four so nothing is learnt.
/// </summary>
public sealed class InvalidAccountTokenException(string field)
    : RequestValidationException([new FieldError(field, "This token is invalid, has expired or was already used.")]), IRecordedFailure;

/// <summary>
/// 403 EMAIL_NOT_VERIFIED: an admin requires a verified address to publish (require_verified_email) and the
/// caller's is not verified yet; POST /api/v1/auth/verify-email/resend mails a new link.
/// </summary>
public sealed class EmailNotVerifiedException()
    : Exception("Verify your email address first: an administrator requires it for this. Ask for a new link with POST /api/v1/auth/verify-email/resend.")
{
    public const string Code = "EMAIL_NOT_VERIFIED";
}

/// <summary>
/// 403 DM_NOT_ALLOWED: the recipient does not take direct messages from the caller (their privacy
/// preference, or a block either way); the message says which, without saying who blocked whom.
/// </summary>
public sealed class DirectMessageRefusedException(string message) : Exception(message)
{
    public const string Code = "DM_NOT_ALLOWED";
}

/// <summary>422 INVALID_STATE: the resource is in a state that refuses the request; the details name the state.</summary>
public sealed class InvalidStateException(string message, string field, string state) : Exception(message)
{
    public string Field { get; } = field;
    public string State { get; } = state;
}
