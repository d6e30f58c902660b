using System.ComponentModel.DataAnnotations;
using Veza.Application.Radio;

namespace Veza.Infrastructure.Radio;

/// <summary>Radio (<c>Radio:*</c>): request limits, and how the live playout buffers and idles.</summary>
public sealed class RadioOptions : IValidatableObject
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

    /// <summary>
    /// Required with <see cref="IcecastUrl"/>, at least 32 characters: the password (HTTP Basic, any user name)
    /// Icecast's URL authentication sends to <c>POST /api/v1/radio/icecast/listener-add</c> when it asks whether
    /// a listener's signed URL admits them (decision 0032). The mounts must be configured to ask.
    /// </summary>
    public string? IcecastAuthSecret { get; set; }

    public bool UsesIcecast => !string.IsNullOrWhiteSpace(IcecastUrl);

    public RadioSettings ToSettings() => new(RequestsPerListener, RequestWindow, TrackCooldown);

    /// <summary>With Icecast, the push needs its address and source password, and listeners are admitted only with a signature Icecast asks the API about.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesIcecast)
        {
            yield break;
        }

        foreach (var (name, url) in new[] { (nameof(IcecastUrl), IcecastUrl), (nameof(IcecastPublicUrl), IcecastPublicUrl) })
        {
            if (!string.IsNullOrEmpty(url) && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return new ValidationResult($"Radio:{name} must be an absolute http or https URL.", [name]);
            }
        }

        if (string.IsNullOrEmpty(IcecastSourcePassword))
        {
            yield return new ValidationResult("Radio:IcecastSourcePassword is required with Radio:IcecastUrl.", [nameof(IcecastSourcePassword)]);
        }

        if (IcecastAuthSecret is not { Length: >= 32 })
        {
            yield return new ValidationResult(
                "Radio:IcecastAuthSecret (at least 32 characters) is required with Radio:IcecastUrl: Icecast's URL authentication asks the API with it whether a listener's signed URL is valid.",
                [nameof(IcecastAuthSecret)]);
        }
    }
}
