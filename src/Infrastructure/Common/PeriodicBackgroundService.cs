using Microsoft.Extensions.Hosting;

namespace Veza.Infrastructure.Common;

/// <summary>
/// Runs a pass at start and then every <see cref="Interval"/> until the host stops. A pass that fails is handed to
/// <see cref="OnPassFailed"/> (to log it) and the next one tries again; stopping cancels the pass under way.
/// </summary>
public abstract class PeriodicBackgroundService : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether this node runs the passes at all.</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract void OnPassFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await RunPassAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    OnPassFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
