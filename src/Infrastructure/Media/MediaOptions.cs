using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The ffmpeg executable: a name found on PATH or a full path.</summary>
    [Required(AllowEmptyStrings = false)]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required(AllowEmptyStrings = false)]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>The longest one ffmpeg or ffprobe run may take before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one audio tool run may take (a 2-hour lossless source takes a few minutes per step).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "06:00:00")]
    public TimeSpan AudioProcessTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How many ffmpeg/ffprobe processes for audio may run at once on this node; 0 means one per core.</summary>
    [Range(0, 256)]
    public int MaxAudioProcesses { get; set; }

    /// <summary>Where uploads wait while being processed; empty means the system's temporary directory.</summary>
    public string TemporaryDirectory { get; set; } = string.Empty;
}
