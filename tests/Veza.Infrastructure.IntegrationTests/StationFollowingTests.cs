using Veza.Domain.Radio;
using Veza.Infrastructure.Radio;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>What an encoder following another node's conductor plays: the published track, from where the conductor is in it.</summary>
public class StationFollowingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static OnAir Track(DateTimeOffset startedAt, double seconds = 200) =>
        new(Guid.CreateVersion7(), "Long", "dj_nova", startedAt, TimeSpan.FromSeconds(seconds), null, null, "tracks/x/mp3_128.mp3");

    [Test]
    public void A_published_track_is_joined_where_the_conductor_is_in_it()
    {
        var published = Track(Start);
        Assert.That(StationEngine.Follow(published, null, Start.AddSeconds(42.5)), Is.EqualTo(((OnAir?)published, TimeSpan.FromSeconds(42.5))));
    }

    [Test]
    public void A_track_just_started_is_played_from_its_start()
    {
        var published = Track(Start);
        Assert.That(StationEngine.Follow(published, null, Start.AddMilliseconds(100)), Is.EqualTo(((OnAir?)published, TimeSpan.Zero)));
    }

    [Test]
    public void Nothing_published_a_track_already_followed_or_one_nearly_over_means_waiting_for_the_next()
    {
        var published = Track(Start, seconds: 10);
        Assert.Multiple(() =>
        {
            Assert.That(StationEngine.Follow(null, null, Start).Next, Is.Null);
            Assert.That(StationEngine.Follow(published, published, Start.AddSeconds(1)).Next, Is.Null, "played once, not again");
            Assert.That(StationEngine.Follow(published, null, Start.AddSeconds(9.9)).Next, Is.Null, "its last moment is not worth an encoder start");
            Assert.That(StationEngine.Follow(published, Track(Start.AddSeconds(-10)), Start.AddSeconds(5)).Next, Is.EqualTo(published), "a new track after the one followed");
            Assert.That(StationEngine.Follow(OnAir.LiveSet("bass_bob", Start), null, Start.AddSeconds(1)).Next, Is.Null, "a DJ's set has no file to follow");
        });
    }
}
