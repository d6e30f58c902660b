using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Veza.Application.Common.Behaviours;

/// <summary>Warns when a use case is slower than <see cref="Threshold"/>; password hashing makes auth commands the usual suspects.</summary>
public sealed partial class PerformanceBehaviour<TRequest, TResponse>(ILogger<PerformanceBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(750);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > Threshold)
        {
            LogSlow(logger, typeof(TRequest).Name, elapsed.TotalMilliseconds);
        }

        return response;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Slow use case {Request}: {ElapsedMs:0} ms")]
    private static partial void LogSlow(ILogger logger, string request, double elapsedMs);
}
