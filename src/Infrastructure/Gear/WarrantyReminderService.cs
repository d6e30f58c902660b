using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Application.Gear.Owned.Commands.SendWarrantyReminders;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Gear;

/// <summary>
/// At start and then every <see cref="GearOptions.ReminderInterval"/>, sends the warranty reminders that fell due
/// (<see cref="SendWarrantyRemindersCommand"/>). Each reminder is recorded on its entry with the notification, so
/// after a restart, or with several nodes running this, nothing is sent twice and nothing due is missed.
/// </summary>
public sealed partial class WarrantyReminderService(IServiceScopeFactory scopes, IOptions<GearOptions> options, ILogger<WarrantyReminderService> logger) : PeriodicBackgroundService
{
    protected override TimeSpan Interval => options.Value.ReminderInterval;

    /// <summary>One pass; what tests call instead of waiting for the interval.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendWarrantyRemindersCommand(), cancellationToken);
    }

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogRemindersFailed(logger, exception);

    [LoggerMessage(EventId = 3910, Level = LogLevel.Warning, Message = "Sending warranty reminders failed; the next pass sends what is still due")]
    private static partial void LogRemindersFailed(ILogger logger, Exception ex);
}
