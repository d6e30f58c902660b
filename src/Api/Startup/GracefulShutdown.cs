using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Api.Hubs;

namespace Veza.Api.Startup;

/// <summary>
/// A node's orderly exit. ApplicationStopping turns /ready to 503 at once; this service then keeps serving for
/// Api:ShutdownDrainDelay so the load balancer stops sending, tells every SignalR client to reconnect (the
/// <c>reconnect</c> event: the load balancer sends it to another node), and lets the host stop: Kestrel stops
/// accepting and waits for in-flight requests and uploads, and the job worker hands its running jobs' leases
/// back, all within HostOptions.ShutdownTimeout (Api:ShutdownTimeout).
/// </summary>
public sealed partial class GracefulShutdown(
    IOptions<ApiOptions> options, IHubContext<ChatHub> chat, IHubContext<RadioHub> radio, ILogger<GracefulShutdown> logger) : IHostedLifecycleService
{
    public const string ReconnectEvent = "reconnect";

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drain = options.Value.ShutdownDrainDelay;
        LogStopping(logger, drain.TotalSeconds);
        if (drain > TimeSpan.Zero)
        {
            await Task.Delay(drain, cancellationToken);
        }

        var hint = new { reason = "shutting_down" };
        try
        {
            await Task.WhenAll(
                chat.Clients.All.SendAsync(ReconnectEvent, hint, cancellationToken),
                radio.Clients.All.SendAsync(ReconnectEvent, hint, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A hint, not a duty: the connections close with the server either way and clients reconnect on their own.
            LogHintFailed(logger, ex);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Shutting down: /ready answers 503, serving {DrainSeconds} s more before Kestrel stops accepting")]
    private static partial void LogStopping(ILogger logger, double drainSeconds);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Telling SignalR clients to reconnect failed")]
    private static partial void LogHintFailed(ILogger logger, Exception ex);
}
