using Veza.Domain.Common;
using Veza.Domain.Media;

namespace Veza.Domain.Tracks;

/// <summary>
/// An uploaded piece of audio and what processing made of it. Its life: uploaded (<see cref="TrackStatus.Processing"/>),
/// then <see cref="TrackStatus.Ready"/> or <see cref="TrackStatus.Failed"/>; a failed track can be queued again.
/// State changes return outcomes (a job retried after a crash finds the work already recorded) and raise events.
/// The original is always kept; variants, waveform and artwork are derived from it.
/// </summary>
public sealed class Track : Entity
{
    private string[] _tags = [];

    private Track()
    {
        Title = OriginalKey = ContentHash = string.Empty;
    }

    public Guid OwnerId { get; private set; }
    public string Title { get; private set; }

    /// <summary>True while the title is the file name the upload carried: an embedded title replaces it.</summary>
    public bool TitleFromFileName { get; private set; }

    public string? Description { get; private set; }
    public string? Genre { get; private set; }
    public string? Album { get; private set; }

    /// <summary>The artist named in the file's tags; the track's artist is always its uploader.</summary>
    public string? CreditedArtist { get; private set; }

    public IReadOnlyList<string> Tags => _tags;
    public TrackVisibility Visibility { get; private set; }

    /// <summary>The owner lets community radio stations play the track (on by default).</summary>
    public bool AllowRadio { get; private set; } = true;
    public TrackStatus Status { get; private set; }
    public TrackFailure? Failure { get; private set; }

    public string OriginalKey { get; private set; }
    public AudioFormat OriginalFormat { get; private set; }
    public long OriginalBytes { get; private set; }

    /// <summary>SHA-256 of the original, hex: the same owner uploading the same bytes again is a duplicate.</summary>
    public string ContentHash { get; private set; }

    /// <summary>Everything stored for the track (original, variants, HLS, waveform, artwork): what it costs its owner's quota.</summary>
    public long StoredBytes { get; private set; }

    public TimeSpan? Duration { get; private set; }
    public string? Codec { get; private set; }
    public int? BitrateKbps { get; private set; }
    public int? SampleRate { get; private set; }
    public int? Channels { get; private set; }
    public bool HasMp3320 { get; private set; }
    public bool HasMp3128 { get; private set; }
    public bool HasHls { get; private set; }
    public bool HasWaveform { get; private set; }
    public double? LoudnessLufs { get; private set; }
    public double? TruePeakDb { get; private set; }
    public double? TrackGainDb { get; private set; }

    /// <summary>Changes whenever the artwork does, so its URLs change too (cache busting); null without artwork.</summary>
    public Guid? ArtworkVersion { get; private set; }

    /// <summary>Whether the artwork came from the uploader (kept over an embedded cover on reprocessing).</summary>
    public bool ArtworkUploaded { get; private set; }

    public long PlayCount { get; private set; }
    public long LikeCount { get; private set; }

    public DateTimeOffset? HiddenAt { get; private set; }
    public string? HiddenReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }

    public bool IsHidden => HiddenAt is not null;

    public static Track Upload(Guid id, Guid ownerId, TrackDetails details, StoredOriginal original, DateTimeOffset now)
    {
        var track = new Track
        {
            Id = id,
            OwnerId = ownerId,
            Title = details.Title ?? TrackRules.CheckTitle(original.FileNameTitle),
            TitleFromFileName = details.Title is null,
            Description = details.Description,
            Genre = details.Genre,
            _tags = [.. details.Tags],
            Visibility = details.Visibility,
            Status = TrackStatus.Processing,
            OriginalKey = original.Key,
            OriginalFormat = original.Format,
            OriginalBytes = original.Bytes,
            StoredBytes = original.Bytes,
            ContentHash = original.Sha256,
            CreatedAt = now,
            UpdatedAt = now,
        };
        track.Raise(new TrackUploaded(id, ownerId, original.Bytes, track._tags, now));
        return track;
    }

    /// <summary>Applies the fields given (null leaves a field; an empty description or genre clears it).</summary>
    public void Edit(TrackEdit edit, DateTimeOffset now)
    {
        if (edit.Title is not null)
        {
            Title = TrackRules.CheckTitle(edit.Title);
            TitleFromFileName = false;
        }

        if (edit.Description is not null)
        {
            Description = TrackRules.CheckOptional(edit.Description, TrackRules.DescriptionMaxLength, "A description");
        }

        if (edit.Genre is not null)
        {
            Genre = TrackRules.CheckOptional(edit.Genre, TrackRules.GenreMaxLength, "A genre");
        }

        if (edit.Tags is not null)
        {
            var before = _tags;
            _tags = [.. TrackRules.NormalizeTags(edit.Tags)];
            if (!before.SequenceEqual(_tags))
            {
                Raise(new TrackTagsChanged(Id, before, _tags, now));
            }
        }

        if (edit.Visibility is { } visibility)
        {
            Visibility = visibility;
        }

        AllowRadio = edit.AllowRadio ?? AllowRadio;
        Changed(now);
    }

    /// <summary>Records what processing produced. A second completion (a job re-run after a crash) changes nothing.</summary>
    public ProcessingOutcome CompleteProcessing(TrackProcessingResult result, DateTimeOffset now)
    {
        if (Status != TrackStatus.Processing)
        {
            return ProcessingOutcome.AlreadyFinished;
        }

        var metadata = result.Metadata;
        Duration = metadata.Duration;
        Codec = metadata.Codec;
        BitrateKbps = metadata.BitrateKbps;
        SampleRate = metadata.SampleRate;
        Channels = metadata.Channels;
        if (TitleFromFileName && TrackRules.CheckOptional(metadata.Title, TrackRules.TitleMaxLength, "A title") is { } embeddedTitle)
        {
            Title = embeddedTitle;
            TitleFromFileName = false;
        }

        Album ??= Trimmed(metadata.Album, TrackRules.TitleMaxLength);
        Genre ??= Trimmed(metadata.Genre, TrackRules.GenreMaxLength);
        CreditedArtist ??= Trimmed(metadata.Artist, TrackRules.TitleMaxLength);
        HasMp3128 = result.Mp3128;
        HasMp3320 = result.Mp3320;
        HasHls = result.Hls;
        HasWaveform = result.Waveform;
        LoudnessLufs = result.LoudnessLufs;
        TruePeakDb = result.TruePeakDb;
        TrackGainDb = result.LoudnessLufs is { } lufs ? Math.Round(TrackLoudness.ReferenceLufs - lufs, 2) : null;
        if (result.EmbeddedArtworkVersion is { } cover && !ArtworkUploaded)
        {
            ArtworkVersion = cover;
        }

        // Added to what is stored already: the original and any artwork the uploader gave.
        StoredBytes += result.DerivedBytes;
        Status = TrackStatus.Ready;
        Failure = null;
        ProcessedAt = now;
        Changed(now);
        Raise(new TrackProcessed(Id, OwnerId, TrackStatus.Ready.ToName(), null, now));
        return ProcessingOutcome.Recorded;
    }

    /// <param name="derivedBytes">What the failed run left in storage (0 when it cleaned up after itself).</param>
    public ProcessingOutcome FailProcessing(TrackFailure failure, long derivedBytes, DateTimeOffset now)
    {
        if (Status != TrackStatus.Processing)
        {
            return ProcessingOutcome.AlreadyFinished;
        }

        Status = TrackStatus.Failed;
        Failure = failure;
        StoredBytes += derivedBytes;
        ProcessedAt = now;
        Changed(now);
        Raise(new TrackProcessed(Id, OwnerId, TrackStatus.Failed.ToName(), failure.ToName(), now));
        return ProcessingOutcome.Recorded;
    }

    /// <summary>Queues a failed track again; any other state refuses.</summary>
    public ReprocessOutcome Reprocess(DateTimeOffset now)
    {
        if (Status != TrackStatus.Failed)
        {
            return Status == TrackStatus.Processing ? ReprocessOutcome.AlreadyProcessing : ReprocessOutcome.NotFailed;
        }

        Status = TrackStatus.Processing;
        Failure = null;
        Changed(now);
        Raise(new TrackReprocessRequested(Id, OwnerId, now));
        return ReprocessOutcome.Queued;
    }

    /// <summary>The uploader's own artwork, which an embedded cover never replaces.</summary>
    public void ReplaceArtwork(Guid version, long artworkBytesDelta, DateTimeOffset now)
    {
        ArtworkVersion = version;
        ArtworkUploaded = true;
        StoredBytes += artworkBytesDelta;
        Changed(now);
    }

    public void Hide(string reason, DateTimeOffset now)
    {
        HiddenAt ??= now;
        var text = reason.Trim();
        HiddenReason = text.Length <= TrackRules.HiddenReasonMaxLength ? text : text[..TrackRules.HiddenReasonMaxLength];
        Changed(now);
    }

    public void Unhide(DateTimeOffset now)
    {
        HiddenAt = null;
        HiddenReason = null;
        Changed(now);
    }

    /// <summary>Removes the track; its files are deleted by a job after the row is gone, and its bytes leave the quota at once.</summary>
    public void Delete(DateTimeOffset now) => Raise(new TrackDeleted(Id, OwnerId, _tags, now));

    /// <summary>Whether the viewer may see the track at all (by id). Lists apply <see cref="IsListedFor"/> on top.</summary>
    public bool IsVisibleTo(Guid? viewerId, bool viewerIsAdmin) => IsVisible(OwnerId, Visibility, IsHidden, viewerId, viewerIsAdmin);

    /// <summary>
    /// The one visibility rule, for an entity or a projected row: admins and the owner see any track; others
    /// a track that is neither private nor hidden. An unlisted track is seen by id but never listed.
    /// </summary>
    public static bool IsVisible(Guid ownerId, TrackVisibility visibility, bool hidden, Guid? viewerId, bool viewerIsAdmin) =>
        viewerIsAdmin || viewerId == ownerId || (!hidden && visibility != TrackVisibility.Private);

    /// <summary>Whether the track appears in lists (search, a profile's tracks) for the viewer.</summary>
    public bool IsListedFor(Guid? viewerId) =>
        viewerId == OwnerId || (!IsHidden && Visibility == TrackVisibility.Public && Status == TrackStatus.Ready);

    /// <summary>Every change of the row goes through here: what readers keep of the track (its cached metadata) is stale from now on.</summary>
    private void Changed(DateTimeOffset now)
    {
        UpdatedAt = now;
        Raise(new TrackChanged(Id, now));
    }

    private static string? Trimmed(string? value, int max)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}

/// <summary>What the uploader typed, already checked (<see cref="TrackRules"/>); a null title means "from the file".</summary>
public sealed record TrackDetails(string? Title, string? Description, string? Genre, IReadOnlyList<string> Tags, TrackVisibility Visibility);

/// <summary>The original as stored: its server-made key, sniffed format, size and SHA-256; the title its file name suggests.</summary>
public sealed record StoredOriginal(string Key, AudioFormat Format, long Bytes, string Sha256, string FileNameTitle);

/// <summary>Fields to change; null means "leave as it is".</summary>
public sealed record TrackEdit(
    string? Title = null, string? Description = null, string? Genre = null, IReadOnlyList<string>? Tags = null, TrackVisibility? Visibility = null, bool? AllowRadio = null);

/// <summary>What ffprobe read from the file.</summary>
public sealed record AudioMetadata(
    TimeSpan Duration, string Codec, int? BitrateKbps, int SampleRate, int Channels, string? Title = null, string? Album = null, string? Genre = null, string? Artist = null);

public sealed record TrackProcessingResult(
    AudioMetadata Metadata, bool Mp3128, bool Mp3320, bool Hls, bool Waveform, double? LoudnessLufs, double? TruePeakDb, Guid? EmbeddedArtworkVersion, long DerivedBytes);

public enum ProcessingOutcome
{
    Recorded,

    /// <summary>The track had already left processing (a re-run job, or a delete): nothing changed.</summary>
    AlreadyFinished,
}

public enum ReprocessOutcome
{
    Queued,
    AlreadyProcessing,
    NotFailed,
}

/// <summary>ReplayGain 2.0 normalises to -18 LUFS; the gain a player applies is the reference minus the measured loudness.</summary>
public static class TrackLoudness
{
    public const double ReferenceLufs = -18.0;
}
