using System.ComponentModel.DataAnnotations;
using Veza.Application.Radio;

namespace Veza.Infrastructure.Radio;

/// <summary>Radio (<c>Radio:*</c>): request limits, and how the live playout buffers and idles.</summary>
public sealed class RadioOptions
{
    public const string Section = "Radio";

    [Range(1, 1000)]
    public int RequestsPerListener { get; set; } = RadioSettings.Default.RequestsPerListener;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RequestWindow { get; set; } = RadioSettings.Default.RequestWindow;

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan TrackCooldown { get; set; } = RadioSettings.Default.TrackCooldown;

    /// <summary>A station without a listener for this long stops its encoder (it starts again with the next listener).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How much already-played audio a joining listener gets at once, so playback starts without waiting.</summary>
    [Range(0, 30)]
    public int BurstSeconds { get; set; } = 3;

    /// <summary>How much audio each station keeps for its listeners; one further behind jumps to the live position.</summary>
    [Range(5, 300)]
    public int BufferSeconds { get; set; } = 30;

    /// <summary>
    /// Across nodes, one node conducts a live station and renews this lease (every tenth of it); when the
    /// node dies, another takes the station over once the lease lapses.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AirLease { get; set; } = TimeSpan.FromSeconds(10);

    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// Scale-out: an Icecast 2 server (<c>http://host:port</c>) each live station pushes its stream to, as a
    /// source on the mount <c>/{station id}.mp3</c>; listeners of live.mp3 are sent there. Empty: the API
    /// serves its listeners itself.
    /// </summary>
    public string? IcecastUrl { get; set; }

    public string? IcecastSourcePassword { get; set; }

    /// <summary>Where listeners reach that Icecast server (defaults to <see cref="IcecastUrl"/>).</summary>
    public string? IcecastPublicUrl { get; set; }

    public bool UsesIcecast => !string.IsNullOrWhiteSpace(IcecastUrl);

    public RadioSettings ToSettings() => new(RequestsPerListener, RequestWindow, TrackCooldown);
}
