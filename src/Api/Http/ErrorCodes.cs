namespace Veza.Api.Http;

public static class ErrorCodes
{
    public const string Validation = "VALIDATION_ERROR";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string Conflict = "CONFLICT";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>413 as well, when the limit passed is the user's storage quota rather than a size limit.</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string InvalidState = "INVALID_STATE";
    public const string RateLimited = "RATE_LIMITED";
    public const string Internal = "INTERNAL_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    public static (string Code, string Message) ForStatus(int status) => status switch
    {
        400 => (Validation, "The request is malformed."),
        401 => (Unauthorized, "Authentication is required."),
        403 => (Forbidden, "You are not allowed to do this."),
        404 => (NotFound, "No resource at this address."),
        405 => (MethodNotAllowed, "This method is not allowed here."),
        409 => (Conflict, "The request conflicts with stored state."),
        413 => (PayloadTooLarge, "The request body is too large."),
        415 => (UnsupportedMediaType, "Send the body as application/json."),
        422 => (InvalidState, "The request breaks a business rule."),
        429 => (RateLimited, "Too many requests. Try again later."),
        503 => (ServiceUnavailable, "The service is temporarily unavailable."),
        _ => (Internal, "An unexpected error occurred."),
    };
}
