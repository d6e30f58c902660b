using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Application.Gear.Owned.Commands.SendWarrantyReminders;

namespace Veza.Infrastructure.Gear;

/// <summary>
/// At start and then every <see cref="GearOptions.ReminderInterval"/>, sends the warranty reminders that fell due
/// (<see cref="SendWarrantyRemindersCommand"/>). Each reminder is recorded on its entry with the notification, so
/// after a restart, or with several nodes running this, nothing is sent twice and nothing due is missed.
/// </summary>
public sealed partial class WarrantyReminderService(IServiceScopeFactory scopes, IOptions<GearOptions> options, ILogger<WarrantyReminderService> logger) : BackgroundService
{
    /// <summary>One pass; what tests call instead of waiting for the interval.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendWarrantyRemindersCommand(), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRemindersFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3910, Level = LogLevel.Warning, Message = "Sending warranty reminders failed; the next pass sends what is still due")]
    private static partial void LogRemindersFailed(ILogger logger, Exception ex);
}
