using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Application.Chat.Presence;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// Every <see cref="PresenceOptions.RenewInterval"/>: renews this node's connections in Redis, then looks
/// for users whose connections all expired (a node died) and has them announced offline.
/// </summary>
public sealed partial class PresenceRenewal(
    RedisPresenceTracker presence, IServiceScopeFactory scopes, IOptions<PresenceOptions> options, ILogger<PresenceRenewal> logger)
    : BackgroundService
{
    /// <summary>One round; what tests call instead of waiting for the timer.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await presence.RenewAsync(cancellationToken);
        var offline = await presence.ExpireAsync(cancellationToken);
        if (offline.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AnnounceExpiredPresenceCommand(offline), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRenewalFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Renewing presence or announcing expired presence failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception ex);
}
