using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Veza.Application.Common.Storage;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Media;

namespace Veza.Infrastructure.Storage;

/// <summary>
/// At start and then every <see cref="OrphanSweepOptions.Interval"/>, runs <see cref="OrphanedFileSweep"/>: stored files
/// unwritten for <see cref="OrphanSweepOptions.Grace"/> that no row refers to, and this machine's work directories idle
/// for longer than both the grace and <see cref="MediaOptions.AudioProcessTimeout"/> (a tool that writes nothing, the
/// loudness meter, may run that long). Several nodes may sweep one volume: each removal is harmless to repeat.
/// </summary>
public sealed partial class OrphanedFileSweeper(
    IServiceScopeFactory scopes, IOptions<OrphanSweepOptions> options, IOptions<MediaOptions> media, ILogger<OrphanedFileSweeper> logger) : PeriodicBackgroundService
{
    public OrphanSweepPolicy Policy =>
        new(options.Value.Grace, options.Value.Grace > media.Value.AudioProcessTimeout ? options.Value.Grace : media.Value.AudioProcessTimeout);

    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    /// <summary>One pass; what tests call instead of waiting for the interval.</summary>
    public async Task<OrphanSweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<OrphanedFileSweep>().SweepAsync(Policy, cancellationToken);
        if (report.Total > 0)
        {
            LogSwept(logger, report.Folders, report.Files, report.PartialWrites, report.ScratchDirectories);
        }

        return report;
    }

    protected override Task RunPassAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogSweepFailed(logger, exception);

    [LoggerMessage(EventId = 3960, Level = LogLevel.Information,
        Message = "Orphan sweep removed {Folders} folders and {Files} files no row refers to, {PartialWrites} unfinished saves and {ScratchDirectories} work directories")]
    private static partial void LogSwept(ILogger logger, int folders, int files, int partialWrites, int scratchDirectories);

    [LoggerMessage(EventId = 3961, Level = LogLevel.Warning, Message = "The orphan sweep failed; the next pass tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
