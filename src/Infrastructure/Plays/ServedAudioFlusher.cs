using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Application.Tracks.Plays;
using Veza.Application.Tracks.Plays.Commands.RecordServedAudio;
using Veza.Domain.Plays;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Plays;

/// <summary>
/// Every <see cref="PlaysOptions.FlushInterval"/>, hands what the byte routes served on this node to
/// <see cref="RecordServedAudioCommand"/> in one batch, so the byte path never waits on the database.
/// A batch that fails to save goes back to the meter for the next flush; the last flush runs at shutdown.
/// Once an hour, progress idle for longer than the counting window is purged (it can no longer count).
/// </summary>
public sealed partial class ServedAudioFlusher(
    ServedAudioMeter meter, IServiceScopeFactory scopes, IOptions<PlaysOptions> options, IClock clock, ILogger<ServedAudioFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Flushes now; answers how many plays counted. Also what tests call instead of waiting for the timer.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var batch = meter.Drain();
            if (batch.Count == 0)
            {
                return 0;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordServedAudioCommand(batch), cancellationToken);
            }
            catch (Exception ex)
            {
                meter.Restore(batch);
                LogFlushFailed(logger, batch.Count, ex);
                return 0;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPurge = clock.UtcNow;
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
                if (clock.UtcNow >= nextPurge)
                {
                    nextPurge = clock.UtcNow + PurgeInterval;
                    await PurgeIdleAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task PurgeIdleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPlayProgressRepository>().PurgeIdleAsync(clock.UtcNow - PlayRules.Window, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPurgeFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Served audio of {Count} listenings could not be saved; it stays for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, int count, Exception ex);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Purging idle play progress failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception ex);
}
