using Veza.Domain.Plays;
using Veza.Domain.Tracks;

namespace Veza.Domain.Tests;

/// <summary>When listening becomes a play: the threshold, the 30-minute window, and what a player's report may claim.</summary>
public class PlayProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FourMinutes = TimeSpan.FromMinutes(4);
    private static readonly Guid TrackId = Guid.Parse("0193a5c4-2f10-7a3b-8c21-4d5e6f708192");
    private static readonly Guid UserId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f70");

    private static PlayProgress Begin(string? listener = null) => PlayProgress.Begin(TrackId, listener ?? ListenerIds.ForUser(UserId), T0);

    [TestCase(240, 30)]
    [TestCase(60, 30)]
    [TestCase(40, 20)]
    [TestCase(1, 0.5)]
    public void A_play_needs_thirty_seconds_or_half_of_a_shorter_track(double durationSeconds, double threshold) =>
        Assert.That(PlayRules.ThresholdSeconds(TimeSpan.FromSeconds(durationSeconds)), Is.EqualTo(threshold));

    [Test]
    public void Listening_adds_up_until_the_threshold_and_counts_once_with_an_event()
    {
        var progress = Begin();

        var first = progress.Accrue(12, 0, FourMinutes, T0);
        var second = progress.Accrue(17.9, 0, FourMinutes, T0.AddSeconds(20));
        var third = progress.Accrue(0.2, 0, FourMinutes, T0.AddSeconds(31));

        Assert.Multiple(() =>
        {
            Assert.That((first, second, third), Is.EqualTo((PlayOutcome.NotYet, PlayOutcome.NotYet, PlayOutcome.Counted)));
            Assert.That(progress.CountedAt, Is.EqualTo(T0.AddSeconds(31)));
            Assert.That(progress.DomainEvents, Is.EqualTo(new[] { new PlayCounted(TrackId, UserId, T0.AddSeconds(31)) }));
        });
    }

    [Test]
    public void Within_thirty_minutes_of_a_counted_play_more_listening_does_not_count_again()
    {
        var progress = Begin();
        progress.Accrue(30, 0, FourMinutes, T0);
        progress.TakeDomainEvents();

        var replay = progress.Accrue(240, 0, FourMinutes, T0.AddMinutes(29).AddSeconds(59));

        Assert.Multiple(() =>
        {
            Assert.That(replay, Is.EqualTo(PlayOutcome.AlreadyCounted));
            Assert.That(progress.DomainEvents, Is.Empty);
            Assert.That(progress.CountedAt, Is.EqualTo(T0), "the window runs from the counted play, not from the last byte");
        });
    }

    [Test]
    public void After_the_window_a_new_play_needs_its_own_thirty_seconds()
    {
        var progress = Begin();
        progress.Accrue(240, 0, FourMinutes, T0);

        var justAfter = progress.Accrue(10, 0, FourMinutes, T0 + PlayRules.Window);
        var enough = progress.Accrue(20, 0, FourMinutes, T0 + PlayRules.Window + TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(justAfter, Is.EqualTo(PlayOutcome.NotYet), "what was heard before the window does not carry over");
            Assert.That(enough, Is.EqualTo(PlayOutcome.Counted));
            Assert.That(progress.ServedSeconds, Is.EqualTo(30));
        });
    }

    [Test]
    public void Partial_listening_older_than_the_window_is_forgotten()
    {
        var progress = Begin();
        progress.Accrue(25, 0, FourMinutes, T0);

        var later = progress.Accrue(10, 0, FourMinutes, T0.AddMinutes(31));

        Assert.Multiple(() =>
        {
            Assert.That(later, Is.EqualTo(PlayOutcome.NotYet));
            Assert.That(progress.ServedSeconds, Is.EqualTo(10));
        });
    }

    [Test]
    public void A_report_is_believed_only_as_far_as_audio_was_served()
    {
        var progress = Begin();

        var claim = progress.Accrue(8, 200, FourMinutes, T0);

        Assert.Multiple(() =>
        {
            Assert.That(claim, Is.EqualTo(PlayOutcome.NotYet), "a player cannot claim more than it received");
            Assert.That(progress.ReportedSeconds, Is.EqualTo(8));
        });
    }

    [Test]
    public void An_anonymous_listener_counts_without_a_user()
    {
        var progress = Begin(ListenerIds.AnonymousPrefix + "c29tZS1rZXllZC1oYXNo");

        progress.Accrue(30, 0, FourMinutes, T0);

        Assert.Multiple(() =>
        {
            Assert.That(progress.UserId, Is.Null);
            Assert.That(progress.DomainEvents.OfType<PlayCounted>().Single().UserId, Is.Null);
        });
    }

    [Test]
    public void Negative_listening_is_a_bug_not_input() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Begin().Accrue(-1, 0, FourMinutes, T0));

    [TestCase(StreamPaths.Mp3128, 0.5, 120.0)]
    [TestCase(StreamPaths.Mp3320, 0.25, 60.0)]
    [TestCase(StreamPaths.Original, 1.0, 240.0)]
    [TestCase("96k/segment-003.ts", 1.0, 6.0)]
    [TestCase("192k/segment-000.ts", 0.5, 3.0)]
    public void Served_bytes_become_seconds_of_the_file_they_came_from(string file, double fraction, double seconds) =>
        Assert.That(PlayRules.SecondsOf(file, fraction, FourMinutes), Is.EqualTo(seconds).Within(1e-9));

    [TestCase("master.m3u8")]
    [TestCase("96k/index.m3u8")]
    [TestCase("../original")]
    [TestCase("waveform")]
    public void Playlists_and_unknown_files_are_not_audio(string file) =>
        Assert.That(PlayRules.SecondsOf(file, 1.0, FourMinutes), Is.Null);

    [Test]
    public void An_hls_segment_of_a_short_track_counts_no_more_than_the_track() =>
        Assert.That(PlayRules.SecondsOf("96k/segment-000.ts", 1.0, TimeSpan.FromSeconds(4)), Is.EqualTo(4));

    [TestCase("96k/segment-039.ts", 6.0)]
    [TestCase("96k/segment-040.ts", 0.0)]
    [TestCase("96k/segment-041.ts", 0.0)]
    public void The_last_segment_counts_only_the_audio_it_holds(string file, double seconds) =>
        // A 4-minute track is forty 6-second segments (000 to 039): nothing lies past the last.
        Assert.That(PlayRules.SecondsOf(file, 1.0, FourMinutes), Is.EqualTo(seconds).Within(1e-9));

    [Test]
    public void A_short_last_segment_counts_its_own_length_not_six_seconds() =>
        Assert.That(PlayRules.SecondsOf("96k/segment-003.ts", 1.0, TimeSpan.FromSeconds(20)), Is.EqualTo(2).Within(1e-9));

    [Test]
    public void Listener_ids_tell_users_from_anonymous_listeners()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ListenerIds.UserOf(ListenerIds.ForUser(UserId)), Is.EqualTo(UserId));
            Assert.That(ListenerIds.UserOf(ListenerIds.AnonymousPrefix + "abc"), Is.Null);
            Assert.That(ListenerIds.UserOf("not-a-user"), Is.Null);
        });
    }
}
