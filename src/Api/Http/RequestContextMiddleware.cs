using System.Diagnostics;
using Veza.Api.Security;

namespace Veza.Api.Http;

/// <summary>
/// Gives every request an id (the caller's X-Request-Id when it is sane, else a new one), echoes it on
/// the response, opens a log scope with it, and writes one access-log line: method, route, status,
/// latency and user. Query strings and bodies are never logged (they may hold tokens or passwords).
/// </summary>
public sealed partial class RequestContextMiddleware(RequestDelegate next, ILogger<RequestContextMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.Request.Headers[HeaderName].ToString();
        if (!IsAcceptable(requestId))
        {
            requestId = Guid.CreateVersion7().ToString("N");
        }

        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        var started = Stopwatch.GetTimestamp();
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
                var userId = context.User.UserId();
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsedMs, userId);
            }
        }
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "{Method} {Route} -> {Status} in {ElapsedMs:0.0} ms (user {UserId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs, Guid? userId);
}
