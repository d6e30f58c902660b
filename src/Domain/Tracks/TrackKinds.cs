namespace Veza.Domain.Tracks;

public enum TrackStatus
{
    Processing = 0,
    Ready = 1,
    Failed = 2,
}

/// <summary>Who sees a track: everyone and in lists; anyone with its id (never in lists); the owner and admins only.</summary>
public enum TrackVisibility
{
    Public = 0,
    Unlisted = 1,
    Private = 2,
}

/// <summary>Why processing gave up, in words a person understands (the wire carries <see cref="TrackNames.ToName(TrackFailure)"/> and the message).</summary>
public enum TrackFailure
{
    NotAudio,
    Corrupt,
    TooLong,
    NoAudioStream,
    ProcessingError,
}

/// <summary>The wire and storage names (snake_case, as the API writes enums).</summary>
public static class TrackNames
{
    public static string ToName(this TrackStatus status) => status switch
    {
        TrackStatus.Processing => "processing",
        TrackStatus.Ready => "ready",
        TrackStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToName(this TrackVisibility visibility) => visibility switch
    {
        TrackVisibility.Public => "public",
        TrackVisibility.Unlisted => "unlisted",
        TrackVisibility.Private => "private",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility), visibility, null),
    };

    public static string ToName(this TrackFailure failure) => failure switch
    {
        TrackFailure.NotAudio => "not_audio",
        TrackFailure.Corrupt => "corrupt",
        TrackFailure.TooLong => "too_long",
        TrackFailure.NoAudioStream => "no_audio_stream",
        TrackFailure.ProcessingError => "processing_error",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    public static string Describe(this TrackFailure failure) => failure switch
    {
        TrackFailure.NotAudio => "The file is not audio in a format we accept.",
        TrackFailure.Corrupt => "The file is damaged: it could not be decoded to the end.",
        TrackFailure.TooLong => $"The track is longer than {TrackRules.MaxDuration.TotalHours:0} hours.",
        TrackFailure.NoAudioStream => "The file contains no audio stream.",
        TrackFailure.ProcessingError => "Processing failed on our side. Try reprocessing the track later.",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    public static bool TryParseVisibility(string? name, out TrackVisibility visibility)
    {
        (var ok, visibility) = name switch
        {
            "public" => (true, TrackVisibility.Public),
            "unlisted" => (true, TrackVisibility.Unlisted),
            "private" => (true, TrackVisibility.Private),
            _ => (false, TrackVisibility.Public),
        };
        return ok;
    }

    public static bool TryParseStatus(string? name, out TrackStatus status)
    {
        (var ok, status) = name switch
        {
            "processing" => (true, TrackStatus.Processing),
            "ready" => (true, TrackStatus.Ready),
            "failed" => (true, TrackStatus.Failed),
            _ => (false, TrackStatus.Processing),
        };
        return ok;
    }

    public static bool TryParseFailure(string? name, out TrackFailure failure)
    {
        foreach (var candidate in Enum.GetValues<TrackFailure>())
        {
            if (candidate.ToName() == name)
            {
                failure = candidate;
                return true;
            }
        }

        failure = default;
        return false;
    }
}
