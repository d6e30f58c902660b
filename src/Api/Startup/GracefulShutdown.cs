using Microsoft.Extensions.Options;
using Veza.Api.Http;

namespace Veza.Api.Startup;

/// <summary>
/// A node's orderly exit. ApplicationStopping turns /ready to 503 at once, and ASP.NET Core closes the node's SignalR
/// connections (clients reconnect; <see cref="DrainingMiddleware"/> refuses them here so the load balancer sends them to
/// another node). This service then keeps the node serving for Api:ShutdownDrainDelay so the load balancer stops
/// sending, and lets the host stop: Kestrel stops accepting and waits for in-flight requests and uploads, and the job
/// worker hands its running jobs' leases back, all within HostOptions.ShutdownTimeout (Api:ShutdownTimeout).
/// </summary>
public sealed partial class GracefulShutdown(IOptions<ApiOptions> options, ILogger<GracefulShutdown> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drain = options.Value.ShutdownDrainDelay;
        LogStopping(logger, drain.TotalSeconds);
        if (drain > TimeSpan.Zero)
        {
            await Task.Delay(drain, cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Shutting down: /ready answers 503, serving {DrainSeconds} s more before Kestrel stops accepting")]
    private static partial void LogStopping(ILogger logger, double drainSeconds);
}
