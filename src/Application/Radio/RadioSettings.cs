namespace Veza.Application.Radio;

/// <summary>Request limits from configuration (<c>Radio:*</c>; these defaults when nothing is configured).</summary>
/// <param name="RequestsPerListener">Requests one listener may make to a station within <paramref name="RequestWindow"/>.</param>
/// <param name="TrackCooldown">How long after a track was requested on a station it cannot be requested there again.</param>
public sealed record RadioSettings(int RequestsPerListener, TimeSpan RequestWindow, TimeSpan TrackCooldown)
{
    public static readonly RadioSettings Default = new(5, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
}
