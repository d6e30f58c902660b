using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veza.Application.Notifications;
using Veza.Domain.Ports;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Notifications;

/// <summary>Once an hour (and at start), deletes notifications read more than <see cref="NotificationRules.ReadRetention"/> ago.</summary>
public sealed partial class ReadNotificationPruner(IServiceScopeFactory scopes, IClock clock, ILogger<ReadNotificationPruner> logger) : PeriodicBackgroundService
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>One pass; what tests call instead of waiting an hour.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<INotificationStore>().PruneReadAsync(clock.UtcNow - NotificationRules.ReadRetention, cancellationToken);
    }

    protected override Task RunPassAsync(CancellationToken cancellationToken) => PruneAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogPruneFailed(logger, exception);

    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Pruning read notifications failed")]
    private static partial void LogPruneFailed(ILogger logger, Exception ex);
}
