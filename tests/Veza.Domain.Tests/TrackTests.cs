using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Tracks;

namespace Veza.Domain.Tests;

public class TrackTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000001");

    private static readonly AudioMetadata Metadata = new(TimeSpan.FromMinutes(3), "flac", 900, 44100, 2, "Night Drive", "Cassette Dreams", "Synthwave", "The Tape Loops");

    private static Track Upload(string? title = "My Song", string? genre = null) =>
        Track.Upload(Guid.NewGuid(), Owner, new TrackDetails(title, null, genre, ["lofi"], TrackVisibility.Public),
            new StoredOriginal("tracks/x/original.flac", AudioFormat.Flac, 1000, new string('a', 64), "night_drive"), Now);

    private static TrackProcessingResult Result(double? lufs = -14.0) => new(Metadata, true, true, true, true, lufs, -1.0, null, 500);

    [Test]
    public void An_upload_starts_processing_and_counts_its_original_against_the_quota()
    {
        var track = Upload();

        Assert.Multiple(() =>
        {
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Processing));
            Assert.That(track.StoredBytes, Is.EqualTo(1000));
            Assert.That(track.DomainEvents.Single(), Is.InstanceOf<TrackUploaded>());
        });
    }

    [Test]
    public void Completing_fills_empty_fields_from_the_tags_but_keeps_what_the_uploader_typed()
    {
        var typed = Upload(title: "My Song", genre: "Ambient");
        var untitled = Upload(title: null);

        typed.CompleteProcessing(Result(), Now);
        untitled.CompleteProcessing(Result(), Now);

        Assert.Multiple(() =>
        {
            Assert.That(typed.Title, Is.EqualTo("My Song"));
            Assert.That(typed.Genre, Is.EqualTo("Ambient"));
            Assert.That(typed.Album, Is.EqualTo("Cassette Dreams"));
            Assert.That(typed.CreditedArtist, Is.EqualTo("The Tape Loops"));
            Assert.That(untitled.Title, Is.EqualTo("Night Drive"), "the file name was only a placeholder");
            Assert.That(untitled.Genre, Is.EqualTo("Synthwave"));
        });
    }

    [Test]
    public void The_track_gain_brings_the_measured_loudness_to_minus_18_lufs()
    {
        var track = Upload();

        track.CompleteProcessing(Result(lufs: -9.5), Now);

        Assert.That(track.TrackGainDb, Is.EqualTo(-8.5));
        Assert.That(track.Status, Is.EqualTo(TrackStatus.Ready));
        Assert.That(track.StoredBytes, Is.EqualTo(1500));
    }

    [Test]
    public void Processing_adds_its_bytes_to_the_uploaded_artwork_s_instead_of_forgetting_them()
    {
        var track = Upload();
        track.ReplaceArtwork(Guid.NewGuid(), 200, Now);

        track.CompleteProcessing(Result(), Now);

        Assert.That(track.StoredBytes, Is.EqualTo(1000 + 200 + 500));
    }

    [Test]
    public void A_second_completion_or_failure_after_the_first_changes_nothing()
    {
        var track = Upload();
        track.CompleteProcessing(Result(), Now);
        track.TakeDomainEvents();

        Assert.Multiple(() =>
        {
            Assert.That(track.CompleteProcessing(Result(lufs: -30), Now.AddMinutes(1)), Is.EqualTo(ProcessingOutcome.AlreadyFinished));
            Assert.That(track.FailProcessing(TrackFailure.Corrupt, 0, Now.AddMinutes(1)), Is.EqualTo(ProcessingOutcome.AlreadyFinished));
            Assert.That(track.Status, Is.EqualTo(TrackStatus.Ready));
            Assert.That(track.LoudnessLufs, Is.EqualTo(-14.0));
            Assert.That(track.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void Only_a_failed_track_can_be_reprocessed()
    {
        var track = Upload();
        Assert.That(track.Reprocess(Now), Is.EqualTo(ReprocessOutcome.AlreadyProcessing));

        track.FailProcessing(TrackFailure.Corrupt, 0, Now);
        Assert.That(track.Failure, Is.EqualTo(TrackFailure.Corrupt));
        Assert.That(track.Reprocess(Now), Is.EqualTo(ReprocessOutcome.Queued));
        Assert.That(track.Status, Is.EqualTo(TrackStatus.Processing));
        Assert.That(track.Failure, Is.Null);

        track.CompleteProcessing(Result(), Now);
        Assert.That(track.Reprocess(Now), Is.EqualTo(ReprocessOutcome.NotFailed));
    }

    [Test]
    public void An_uploaded_artwork_is_kept_over_an_embedded_cover()
    {
        var track = Upload();
        var uploaded = Guid.NewGuid();
        track.ReplaceArtwork(uploaded, 200, Now);

        track.CompleteProcessing(Result() with { EmbeddedArtworkVersion = Guid.NewGuid() }, Now);

        Assert.That(track.ArtworkVersion, Is.EqualTo(uploaded));
    }

    [Test]
    public void Visibility_decides_who_sees_a_track_and_where_it_is_listed()
    {
        var other = Guid.NewGuid();
        var track = Upload();
        track.CompleteProcessing(Result(), Now);

        track.Edit(new TrackEdit(Visibility: TrackVisibility.Unlisted), Now);
        Assert.That((track.IsVisibleTo(other, false), track.IsListedFor(other), track.IsListedFor(Owner)), Is.EqualTo((true, false, true)));

        track.Edit(new TrackEdit(Visibility: TrackVisibility.Private), Now);
        Assert.That((track.IsVisibleTo(other, false), track.IsVisibleTo(other, true), track.IsVisibleTo(Owner, false)), Is.EqualTo((false, true, true)));

        track.Edit(new TrackEdit(Visibility: TrackVisibility.Public), Now);
        track.Hide("copyright", Now);
        Assert.That((track.IsVisibleTo(other, false), track.IsListedFor(other), track.IsVisibleTo(Owner, false)), Is.EqualTo((false, false, true)));
    }

    [Test]
    public void A_hidden_reason_is_trimmed_and_cut_to_its_column_and_unhiding_clears_it()
    {
        var track = Upload();
        track.Hide("  " + new string('r', TrackRules.HiddenReasonMaxLength + 50) + " ", Now);
        Assert.That(track.HiddenReason, Has.Length.EqualTo(TrackRules.HiddenReasonMaxLength));

        track.Unhide(Now);
        Assert.That((track.IsHidden, track.HiddenReason), Is.EqualTo((false, (string?)null)));
    }

    [Test]
    public void Tags_are_normalised_deduplicated_and_limited_to_ten()
    {
        Assert.That(TrackRules.ParseTagList(" Lo-Fi ,lofi, lo-fi,  Deep   House ,,"), Is.EqualTo(new[] { "lo-fi", "lofi", "deep house" }));
        Assert.Throws<DomainException>(() => TrackRules.NormalizeTags(Enumerable.Range(0, 11).Select(i => $"tag{i}")));
        Assert.Throws<DomainException>(() => TrackRules.NormalizeTags(["<script>"]));
    }

    [Test]
    public void Editing_tags_raises_the_change_for_the_usage_counts()
    {
        var track = Upload();
        track.TakeDomainEvents();

        track.Edit(new TrackEdit(Tags: ["LoFi", "chill"]), Now);
        track.Edit(new TrackEdit(Tags: ["lofi", "chill"]), Now);

        var change = track.DomainEvents.OfType<TrackTagsChanged>().Single();
        Assert.That((change.Before, change.After), Is.EqualTo((new[] { "lofi" }, new[] { "lofi", "chill" })));
    }
}

public class AudioFormatTests
{
    [TestCase(new byte[] { 0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0 }, AudioFormat.Mp3, TestName = "ID3v2.4 tag")]
    [TestCase(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, AudioFormat.Mp3, TestName = "MPEG-1 layer III frame sync")]
    [TestCase(new byte[] { 0xFF, 0xF3, 0x48, 0xC4 }, AudioFormat.Mp3, TestName = "MPEG-2 layer III frame sync")]
    [TestCase(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, AudioFormat.Aac, TestName = "ADTS (layer bits 00)")]
    [TestCase(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 0x22 }, AudioFormat.Flac, TestName = "fLaC")]
    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 }, AudioFormat.Wav, TestName = "RIFF WAVE")]
    [TestCase(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41, 0x20 }, AudioFormat.Mp4, TestName = "ftyp M4A")]
    public void Known_headers_are_recognised(byte[] header, AudioFormat expected) =>
        Assert.That(AudioFormats.Detect(header), Is.EqualTo(expected));

    [TestCase(new byte[] { }, TestName = "empty")]
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, TestName = "PNG")]
    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, TestName = "RIFF WEBP")]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, TestName = "MPEG sync with a forbidden bitrate")]
    [TestCase(new byte[] { 0xFF, 0xEB, 0x90, 0x64 }, TestName = "MPEG sync with the reserved version")]
    [TestCase(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20 }, TestName = "ftyp qt (QuickTime video)")]
    [TestCase(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, TestName = "HTML")]
    public void Anything_else_is_refused(byte[] header) => Assert.That(AudioFormats.Detect(header), Is.Null);

    [Test]
    public void An_ogg_stream_is_accepted_only_for_vorbis_or_opus()
    {
        var page = new byte[64];
        "OggS"u8.CopyTo(page);
        "OpusHead"u8.CopyTo(page.AsSpan(28));
        Assert.That(AudioFormats.Detect(page), Is.EqualTo(AudioFormat.OggOpus));

        "\u0001vorbis"u8.CopyTo(page.AsSpan(28));
        Assert.That(AudioFormats.Detect(page), Is.EqualTo(AudioFormat.OggVorbis));

        "\u0080theora"u8.CopyTo(page.AsSpan(28));
        Assert.That(AudioFormats.Detect(page), Is.Null);
    }
}
