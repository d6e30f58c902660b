using Veza.Domain.Common;
using Veza.Domain.Radio;

namespace Veza.Domain.Tests;

public class RadioTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Dj = Guid.NewGuid();

    [Test]
    public void The_queue_plays_what_the_station_raised_then_the_most_voted_then_the_oldest()
    {
        var station = Guid.NewGuid();
        var old = StationRequest.Make(station, Guid.NewGuid(), Guid.NewGuid(), Now);
        var popular = StationRequest.Make(station, Guid.NewGuid(), Guid.NewGuid(), Now.AddMinutes(1));
        var raised = StationRequest.Make(station, Guid.NewGuid(), Guid.NewGuid(), Now.AddMinutes(2));
        popular.Vote(Guid.NewGuid(), Now);
        popular.Vote(Guid.NewGuid(), Now);
        var twice = popular.Vote(Guid.NewGuid(), Now) && !popular.Vote(popular.Votes.Last().UserId, Now);

        var before = AutoDj.QueueOrder([old, popular, raised]).ToList();
        raised.Prioritize(5);
        var after = AutoDj.QueueOrder([old, popular, raised]).ToList();
        var next = AutoDj.ChooseNext(after, [Guid.NewGuid()], [], 20, new Random(1));

        Assert.Multiple(() =>
        {
            Assert.That(twice, Is.True, "one vote per listener");
            Assert.That(before, Is.EqualTo(new[] { popular, old, raised }));
            Assert.That(after, Is.EqualTo(new[] { raised, popular, old }));
            Assert.That(next, Is.EqualTo(new NextTrack(raised.TrackId, raised.Id)));
        });
    }

    [Test]
    public void Without_requests_the_rotation_never_repeats_within_its_window_and_then_plays_the_longest_waiting()
    {
        var rotation = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var played = new List<Guid>();
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            played.Insert(0, AutoDj.ChooseNext([], rotation, played, 3, random)!.TrackId);
        }

        var everyWindow = Enumerable.Range(0, played.Count - 3).All(i => played.Skip(i).Take(4).Distinct().Count() == 4);
        var allRecent = AutoDj.ChooseNext([], rotation.Take(2).ToList(), [rotation[1], rotation[0], rotation[1]], 20, random);

        Assert.Multiple(() =>
        {
            Assert.That(everyWindow, Is.True, "no track twice within 4 plays (window 3)");
            Assert.That(allRecent!.TrackId, Is.EqualTo(rotation[0]), "when everything played recently, the one that waited longest");
            Assert.That(AutoDj.ChooseNext([], [], [], 20, random), Is.Null);
        });
    }

    [Test]
    public void A_station_checks_its_slug_and_its_owner_adds_and_removes_djs()
    {
        var station = Station.Create(Owner, Guid.NewGuid(), "Night Drive FM", "night-drive", null, null, StationVisibility.Public, Now);

        Assert.Multiple(() =>
        {
            Assert.Throws<DomainException>(() => Station.CheckSlug("Night Drive"));
            Assert.Throws<DomainException>(() => Station.CheckSlug("ab"));
            Assert.That(station.AddDj(Dj, Now), Is.True);
            Assert.That(station.AddDj(Dj, Now), Is.False);
            Assert.That(station.IsRunBy(Dj), Is.True);
            Assert.That(station.RemoveDj(Owner, Now), Is.False, "the owner is not a DJ to remove");
            Assert.That(station.RemoveDj(Dj, Now), Is.True);
            Assert.That(station.IsRunBy(Dj), Is.False);
            Assert.Throws<DomainException>(() => station.SetRotation([.. Enumerable.Range(0, 15).Select(_ => Guid.NewGuid())], [.. Enumerable.Range(0, 6).Select(i => $"t{i}")], 20, Now));
        });
    }

    [Test]
    public void A_request_ends_once()
    {
        var request = StationRequest.Make(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now);

        Assert.That((request.MarkPlayed(Now), request.Remove(Now), request.Vote(Guid.NewGuid(), Now), request.Status), Is.EqualTo((true, false, false, StationRequestStatus.Played)));
    }

    [Test]
    public void Each_member_has_one_source_secret_a_new_one_replaces_it_and_strangers_get_none()
    {
        var station = Station.Create(Owner, Guid.NewGuid(), "Night Drive FM", "night-drive", null, null, StationVisibility.Public, Now);
        station.AddDj(Dj, Now);

        var granted = station.SetSourceSecret(Dj, "hash-1", Now) && station.SetSourceSecret(Dj, "hash-2", Now);
        var stranger = station.SetSourceSecret(Guid.NewGuid(), "hash-3", Now);

        Assert.Multiple(() =>
        {
            Assert.That((granted, stranger), Is.EqualTo((true, false)));
            Assert.That(station.SourceOf("hash-2")!.UserId, Is.EqualTo(Dj));
            Assert.That(station.SourceOf("hash-1"), Is.Null, "the new secret replaced the old");
            Assert.That(station.SourceOf("hash-3"), Is.Null);
        });
    }
}
