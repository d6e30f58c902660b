using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Playlists;
using Veza.Domain.Tracks;

namespace Veza.Domain.Tests;

public class PlaylistTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000001");
    private static readonly Guid Other = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000002");

    private static Playlist NewPlaylist(TrackVisibility visibility = TrackVisibility.Public) =>
        Playlist.Create(Guid.NewGuid(), Owner, "  Late night drive  ", "Slow synthwave.", visibility, Now);

    private static (Playlist Playlist, Guid[] Tracks) WithTracks(int count)
    {
        var playlist = NewPlaylist();
        var tracks = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var track in tracks)
        {
            Assert.That(playlist.AddTrack(track, null, Now), Is.EqualTo(AddTrackOutcome.Added));
        }

        return (playlist, tracks);
    }

    private static void AssertContiguous(Playlist playlist, params Guid[] expectedOrder)
    {
        Assert.Multiple(() =>
        {
            Assert.That(playlist.Entries.Select(e => e.TrackId), Is.EqualTo(expectedOrder));
            Assert.That(playlist.Entries.Select(e => e.Position), Is.EqualTo(Enumerable.Range(0, expectedOrder.Length)));
            Assert.That(playlist.TrackCount, Is.EqualTo(expectedOrder.Length));
        });
    }

    [Test]
    public void A_new_playlist_is_empty_with_a_trimmed_title()
    {
        var playlist = NewPlaylist(TrackVisibility.Unlisted);

        Assert.Multiple(() =>
        {
            Assert.That(playlist.Title, Is.EqualTo("Late night drive"));
            Assert.That(playlist.Visibility, Is.EqualTo(TrackVisibility.Unlisted));
            Assert.That(playlist.TrackCount, Is.Zero);
            Assert.That(playlist.Entries, Is.Empty);
            Assert.That(playlist.DomainEvents.Single(), Is.InstanceOf<PlaylistCreated>());
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void A_blank_title_is_refused(string title) =>
        Assert.Throws<DomainException>(() => Playlist.Create(Guid.NewGuid(), Owner, title, null, TrackVisibility.Public, Now));

    [Test]
    public void Titles_and_descriptions_are_held_to_their_limits()
    {
        Assert.DoesNotThrow(() => Playlist.Create(Guid.NewGuid(), Owner, new string('t', 200), new string('d', 5000), TrackVisibility.Public, Now));
        Assert.Throws<DomainException>(() => Playlist.Create(Guid.NewGuid(), Owner, new string('t', 201), null, TrackVisibility.Public, Now));
        Assert.Throws<DomainException>(() => Playlist.Create(Guid.NewGuid(), Owner, "ok", new string('d', 5001), TrackVisibility.Public, Now));
    }

    [Test]
    public void Editing_changes_only_the_fields_given_and_an_empty_description_clears_it()
    {
        var playlist = NewPlaylist();

        playlist.Edit(new PlaylistEdit(Visibility: TrackVisibility.Private), Now.AddMinutes(1));
        Assert.That((playlist.Title, playlist.Description, playlist.Visibility), Is.EqualTo(("Late night drive", "Slow synthwave.", TrackVisibility.Private)));

        playlist.Edit(new PlaylistEdit(Title: "Renamed", Description: ""), Now.AddMinutes(2));
        Assert.That((playlist.Title, playlist.Description, playlist.UpdatedAt), Is.EqualTo(("Renamed", (string?)null, Now.AddMinutes(2))));
    }

    [Test]
    public void Adding_without_a_position_appends_and_with_one_inserts_shifting_the_rest()
    {
        var (playlist, t) = WithTracks(3);
        var first = Guid.NewGuid();
        var middle = Guid.NewGuid();
        var last = Guid.NewGuid();

        Assert.That(playlist.AddTrack(first, 0, Now), Is.EqualTo(AddTrackOutcome.Added));
        Assert.That(playlist.AddTrack(middle, 2, Now), Is.EqualTo(AddTrackOutcome.Added));
        Assert.That(playlist.AddTrack(last, 5, Now), Is.EqualTo(AddTrackOutcome.Added), "the end of the list is a position");

        AssertContiguous(playlist, first, t[0], middle, t[1], t[2], last);
    }

    [Test]
    public void A_track_already_in_the_list_or_a_position_past_the_end_changes_nothing()
    {
        var (playlist, t) = WithTracks(2);

        Assert.Multiple(() =>
        {
            Assert.That(playlist.AddTrack(t[1], 0, Now), Is.EqualTo(AddTrackOutcome.AlreadyPresent));
            Assert.That(playlist.AddTrack(Guid.NewGuid(), 3, Now), Is.EqualTo(AddTrackOutcome.PositionOutOfRange));
            Assert.That(playlist.AddTrack(Guid.NewGuid(), -1, Now), Is.EqualTo(AddTrackOutcome.PositionOutOfRange));
        });
        AssertContiguous(playlist, t);
    }

    [Test]
    public void The_thousand_and_first_track_is_refused()
    {
        var (playlist, _) = WithTracks(PlaylistRules.MaxTracks);

        Assert.That(playlist.AddTrack(Guid.NewGuid(), 0, Now), Is.EqualTo(AddTrackOutcome.Full));
        Assert.That(playlist.TrackCount, Is.EqualTo(1000));
    }

    [Test]
    public void Removing_closes_the_gap_and_a_track_not_in_the_list_is_reported()
    {
        var (playlist, t) = WithTracks(4);

        Assert.That(playlist.RemoveTrack(t[1], Now), Is.EqualTo(RemoveTrackOutcome.Removed));
        Assert.That(playlist.RemoveTrack(t[1], Now), Is.EqualTo(RemoveTrackOutcome.NotInPlaylist));

        AssertContiguous(playlist, t[0], t[2], t[3]);
        Assert.That(playlist.DomainEvents.OfType<PlaylistTrackRemoved>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Reordering_rewrites_every_position()
    {
        var (playlist, t) = WithTracks(4);

        Assert.That(playlist.Reorder([t[3], t[1], t[0], t[2]], Now), Is.EqualTo(ReorderOutcome.Reordered));

        AssertContiguous(playlist, t[3], t[1], t[0], t[2]);
    }

    [Test]
    public void Reordering_needs_exactly_the_current_tracks_each_once()
    {
        var (playlist, t) = WithTracks(3);

        Assert.Multiple(() =>
        {
            Assert.That(playlist.Reorder([t[0], t[1]], Now), Is.EqualTo(ReorderOutcome.NotTheSameTracks), "one missing");
            Assert.That(playlist.Reorder([t[0], t[1], t[2], Guid.NewGuid()], Now), Is.EqualTo(ReorderOutcome.NotTheSameTracks), "one extra");
            Assert.That(playlist.Reorder([t[0], t[1], Guid.NewGuid()], Now), Is.EqualTo(ReorderOutcome.NotTheSameTracks), "one unknown");
            Assert.That(playlist.Reorder([t[0], t[0], t[1]], Now), Is.EqualTo(ReorderOutcome.NotTheSameTracks), "one repeated");
        });
        AssertContiguous(playlist, t);
    }

    [Test]
    public void Entries_loaded_in_any_order_are_worked_on_in_position_order()
    {
        var (playlist, t) = WithTracks(3);
        var field = typeof(Playlist).GetField("_entries", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        ((List<PlaylistEntry>)field.GetValue(playlist)!).Reverse(); // as a database may hand them over

        playlist.AddTrack(Guid.NewGuid(), 3, Now);

        Assert.That(playlist.Entries.Take(3).Select(e => e.TrackId), Is.EqualTo(t));
    }

    [Test]
    public void Private_playlists_are_seen_by_their_owner_and_admins_and_unlisted_ones_are_never_listed_for_others()
    {
        var rows = new List<string>();
        foreach (var visibility in Enum.GetValues<TrackVisibility>())
        {
            var playlist = NewPlaylist(visibility);
            rows.Add($"{visibility}: owner {playlist.IsVisibleTo(Owner, false)}/{playlist.IsListedFor(Owner)}, other {playlist.IsVisibleTo(Other, false)}/{playlist.IsListedFor(Other)}, " +
                $"admin {playlist.IsVisibleTo(Other, true)}, anonymous {playlist.IsVisibleTo(null, false)}/{playlist.IsListedFor(null)}");
        }

        Assert.That(rows, Is.EqualTo(new[]
        {
            "Public: owner True/True, other True/True, admin True, anonymous True/True",
            "Unlisted: owner True/True, other True/False, admin True, anonymous True/False",
            "Private: owner True/True, other False/False, admin True, anonymous False/False",
        }));
    }

    [Test]
    public void The_query_expressions_agree_with_the_playlist_rules_on_every_case()
    {
        foreach (var visibility in Enum.GetValues<TrackVisibility>())
        {
            var playlist = NewPlaylist(visibility);
            foreach (var viewer in new Guid?[] { Owner, Other, null })
            {
                foreach (var admin in new[] { false, true })
                {
                    Assert.That(PlaylistAccess.VisibleTo(viewer, admin).Compile()(playlist), Is.EqualTo(playlist.IsVisibleTo(viewer, admin)), $"{visibility} {viewer} {admin}");
                }

                Assert.That(PlaylistAccess.ListedFor(viewer).Compile()(playlist), Is.EqualTo(playlist.IsListedFor(viewer)), $"{visibility} {viewer}");
            }
        }
    }

    [Test]
    public void The_track_query_expressions_agree_with_the_track_rules_on_every_case()
    {
        var cases = 0;
        foreach (var visibility in Enum.GetValues<TrackVisibility>())
        {
            foreach (var status in Enum.GetValues<TrackStatus>())
            {
                foreach (var hidden in new[] { false, true })
                {
                    var track = Track(visibility, status, hidden);
                    foreach (var viewer in new Guid?[] { Owner, Other, null })
                    {
                        foreach (var admin in new[] { false, true })
                        {
                            Assert.That(TrackAccess.VisibleTo(viewer, admin).Compile()(track), Is.EqualTo(track.IsVisibleTo(viewer, admin)), $"{visibility} {status} {hidden} {viewer} {admin}");
                            cases++;
                        }

                        Assert.That(TrackAccess.ListedFor(viewer).Compile()(track), Is.EqualTo(track.IsListedFor(viewer)), $"{visibility} {status} {hidden} {viewer}");
                    }
                }
            }
        }

        Assert.That(cases, Is.EqualTo(3 * 3 * 2 * 3 * 2));
    }

    private static Track Track(TrackVisibility visibility, TrackStatus status, bool hidden)
    {
        var track = Tracks.Track.Upload(Guid.NewGuid(), Owner, new TrackDetails("Song", null, null, [], visibility),
            new StoredOriginal("tracks/x/original", AudioFormat.Flac, 1000, new string('a', 64), "song"), Now);
        if (status == TrackStatus.Ready)
        {
            track.CompleteProcessing(new TrackProcessingResult(new AudioMetadata(TimeSpan.FromSeconds(3), "flac", 900, 44100, 2), true, true, true, true, -14, -1, null, 0), Now);
        }
        else if (status == TrackStatus.Failed)
        {
            track.FailProcessing(TrackFailure.Corrupt, 0, Now);
        }

        if (hidden)
        {
            track.Hide("copyright", Now);
        }

        return track;
    }
}
