using System.Diagnostics;
using Veza.Api.Observability;
using Veza.Api.Security;

namespace Veza.Api.Http;

/// <summary>
/// Gives every request an id and echoes it on the response as X-Request-Id: the W3C trace id (the one in an
/// incoming <c>traceparent</c> when there is one, else the trace ASP.NET Core started), or the caller's own
/// X-Request-Id when it sent one that is sane and no traceparent. Opens a log scope with the request id and
/// the trace id, writes one access-log line (method, route, status, latency, user) and records the request in
/// <see cref="ApiMetrics"/> by route template. Query strings and bodies are never logged (they may hold tokens
/// or passwords).
/// </summary>
public sealed partial class RequestContextMiddleware(RequestDelegate next, ILogger<RequestContextMiddleware> logger, ApiMetrics metrics)
{
    public const string HeaderName = "X-Request-Id";

    /// <summary>The route label of requests that matched no endpoint: never the raw path, which has no bound.</summary>
    public const string UnmatchedRoute = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        var traceId = TraceIdOf(context);
        var requestId = context.Request.Headers.ContainsKey("traceparent") ? traceId : context.Request.Headers[HeaderName].ToString();
        if (!IsAcceptable(requestId))
        {
            requestId = traceId;
        }

        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        var started = Stopwatch.GetTimestamp();
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId, ["TraceId"] = traceId }))
        {
            try
            {
                await next(context);
            }
            finally
            {
                var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var elapsed = Stopwatch.GetElapsedTime(started);
                var status = context.Response.StatusCode;
                metrics.Request(template ?? UnmatchedRoute, context.Request.Method, status, elapsed);
                if (template is not null && status is 200 or 206 && context.Response.ContentLength is { } length
                    && HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()!.Metadata.GetMetadata<CountsStreamBytes>() is not null)
                {
                    metrics.StreamBytes(template, length);
                }

                var userId = context.User.UserId();
                LogRequest(logger, context.Request.Method, template ?? context.Request.Path.Value ?? "/", status, elapsed.TotalMilliseconds, userId);
            }
        }
    }

    /// <summary>The request activity's trace id (ASP.NET Core takes it from traceparent), else traceparent's own, else a new one.</summary>
    private static string TraceIdOf(HttpContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return activity.TraceId.ToHexString();
        }

        var traceparent = context.Request.Headers["traceparent"].ToString();
        return traceparent.Length > 0 && ActivityContext.TryParse(traceparent, null, out var parent)
            ? parent.TraceId.ToHexString()
            : ActivityTraceId.CreateRandom().ToHexString();
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "{Method} {Route} -> {Status} in {ElapsedMs:0.0} ms (user {UserId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs, Guid? userId);
}
