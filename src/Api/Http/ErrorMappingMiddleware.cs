using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Common;
using Veza.Domain.Users;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Redis;

namespace Veza.Api.Http;

/// <summary>
/// The one place that turns failures into HTTP: exceptions from any layer, and bare error statuses
/// set by the framework (401 challenge, 404 no route, 405), all leave as the error envelope.
/// </summary>
public sealed partial class ErrorMappingMiddleware(RequestDelegate next, ILogger<ErrorMappingMiddleware> logger)
{
    /// <summary>
    /// Long enough that a crowd of clients does not hammer a node whose database is restarting, short
    /// enough that they come back soon after it does (connections are retried on every request).
    /// </summary>
    public static readonly TimeSpan OutageRetryAfter = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null, ContentType: null })
            {
                var (code, message) = ErrorCodes.ForStatus(context.Response.StatusCode);
                await WriteAsync(context, context.Response.StatusCode, code, message);
            }
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            if (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var (status, code, message, details, retryAfter) = Map(ex);
            if (status == StatusCodes.Status503ServiceUnavailable && OutageCause(ex) is { } cause)
            {
                // Expected while a dependency is down: one line per request, no stack trace (an outage
                // under load would otherwise flood the log with identical traces).
                LogOutage(logger, cause.GetType().Name, cause.Message);
            }
            else if (status >= 500)
            {
                LogUnhandled(logger, ex);
            }

            if (retryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
            }

            await WriteAsync(context, status, code, message, details);
        }
    }

    public static (int Status, string Code, string Message, IReadOnlyList<FieldError>? Details, TimeSpan? RetryAfter) Map(Exception ex) => ex switch
    {
        RequestValidationException v => (400, ErrorCodes.Validation, v.Message, v.Errors, null),
        UnauthorizedException u => (401, ErrorCodes.Unauthorized, u.Message, null, null),
        ForbiddenException f => (403, ErrorCodes.Forbidden, f.Message, null, null),
        SecondFactorRequiredException m => (403, SecondFactorRequiredException.Code, m.Message, null, null),
        EmailNotVerifiedException e => (403, EmailNotVerifiedException.Code, e.Message, null, null),
        DirectMessageRefusedException d => (403, DirectMessageRefusedException.Code, d.Message, null, null),
        AccountRestrictedException r => (403, r.Code, r.Message, r.Until is { } until ? [new FieldError("until", until.ToString("O", CultureInfo.InvariantCulture))] : null, null),
        NotFoundException n => (404, ErrorCodes.NotFound, n.Message, null, null),
        DuplicateUploadException d => (409, ErrorCodes.Conflict, d.Message, [new FieldError("track_id", d.ExistingId.ToString())], null),
        ConflictException c => (409, ErrorCodes.Conflict, c.Message, c.Field is null ? null : [new FieldError(c.Field, c.Message)], null),
        PayloadTooLargeException p => (413, ErrorCodes.PayloadTooLarge, p.Message, null, null),
        FileTooLargeException f => (413, ErrorCodes.PayloadTooLarge, f.Message, [Number("limit_bytes", f.Limit)], null),
        QuotaExceededException q => (413, ErrorCodes.QuotaExceeded, q.Message, [Number("used_bytes", q.UsedBytes), Number("limit_bytes", q.LimitBytes)], null),
        UnsupportedMediaTypeException m => (415, ErrorCodes.UnsupportedMediaType, m.Message, null, null),
        InvalidStateException s => (422, ErrorCodes.InvalidState, s.Message, [new FieldError(s.Field, s.State)], null),
        DomainException d => (422, ErrorCodes.InvalidState, d.Message, null, null),
        RateLimitedException r => (429, ErrorCodes.RateLimited, r.Message, null, r.RetryAfter),
        BadHttpRequestException b => MapBadRequest(b),
        _ when OutageCause(ex) is not null => (503, ErrorCodes.ServiceUnavailable, ErrorCodes.ForStatus(503).Message, null, OutageRetryAfter),
        _ => (500, ErrorCodes.Internal, ErrorCodes.ForStatus(500).Message, null, null),
    };

    /// <summary>Writes the error envelope (also used by the JWT challenge, which knows why a token was refused).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message, IReadOnlyList<FieldError>? details = null) =>
        ApiResults.WriteEnvelopeAsync(context, status, new ApiErrorResponse(false, new ApiError(code, message, details), ApiMeta.For(context)));

    /// <summary>503 SERVICE_UNAVAILABLE with Retry-After: maintenance, a node shutting down, a dependency away.</summary>
    public static Task WriteUnavailableAsync(HttpContext context, string message, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, message);
    }

    /// <summary>Whole seconds, rounded up and at least one: "Retry-After: 0" would invite a client to hammer.</summary>
    private static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A number in the details (their values are strings: the field names what it is).</summary>
    private static FieldError Number(string field, long value) => new(field, value.ToString(CultureInfo.InvariantCulture));

    private static (int, string, string, IReadOnlyList<FieldError>?, TimeSpan?) MapBadRequest(BadHttpRequestException ex) => ex.StatusCode switch
    {
        413 => (413, ErrorCodes.PayloadTooLarge, ErrorCodes.ForStatus(413).Message, null, null),
        415 => (415, ErrorCodes.UnsupportedMediaType, ErrorCodes.ForStatus(415).Message, null, null),
        _ => (400, ErrorCodes.Validation, ex.InnerException is JsonException ? "The body is not valid JSON for this endpoint." : "The request is malformed.", null, null),
    };

    /// <summary>
    /// The exception, anywhere in the chain, that says a database or dependency could not be reached.
    /// By type, because each layer wraps what it met (EF in InvalidOperationException, Npgsql around a
    /// SocketException, a sync NATS call in AggregateException) and messages differ by driver and locale.
    /// </summary>
    public static Exception? OutageCause(Exception ex)
    {
        var pending = new Stack<Exception>([ex]);
        while (pending.TryPop(out var current))
        {
            if (current is DbException { IsTransient: true } or SocketException or TimeoutException
                or RetryLimitExceededException or RedisUnavailableException or NatsUnavailableException)
            {
                return current;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "A dependency is unreachable, answered 503: {ExceptionType}: {Reason}")]
    private static partial void LogOutage(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception ex);
}
