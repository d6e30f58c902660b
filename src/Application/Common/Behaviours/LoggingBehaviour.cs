using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Behaviours;

/// <summary>Logs each use case by name, caller and outcome. Never the request itself: it may hold a password.</summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(logger, name, currentUser.UserId, elapsedMs);
            return response;
        }
        catch (Exception ex)
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = ex.GetType().Name;
            LogFailed(logger, name, currentUser.UserId, error, elapsedMs);
            throw;
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Handled {Request} for user {UserId} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, Guid? userId, double elapsedMs);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Request} for user {UserId} failed with {Error} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string request, Guid? userId, string error, double elapsedMs);
}
