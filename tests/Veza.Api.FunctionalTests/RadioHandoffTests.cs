using Microsoft.Extensions.DependencyInjection;
using Veza.Infrastructure;
using Veza.Infrastructure.Radio;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Radio across nodes on one PostgreSQL: one node conducts a station (cues, writes history), the others'
/// encoders follow it, a skip asked anywhere reaches the conductor, and a station outlives its node.
/// </summary>
public class RadioHandoffTests : RadioApiTestBase
{
    protected override bool UsesKestrel => true;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        ["Radio:IdleTimeout"] = "00:00:02",
        ["Radio:AirLease"] = "00:00:02",
    };

    [TearDown]
    public async Task StopStations()
    {
        await Task.Delay(2100);
        await Factory.Services.GetRequiredService<RadioPlayout>().SweepIdleAsync();
    }

    [Test]
    public async Task A_second_node_follows_the_conductor_a_skip_asked_there_reaches_it_and_it_takes_the_station_over_when_the_conductor_goes()
    {
        var nova = await UserAsync("dj_nova");
        var station = await LongTrackStationAsync(nova);
        var hostA = new VezaApiFactory(Database.ConnectionString, Settings);
        await using var hostB = new VezaApiFactory(Database.ConnectionString, Settings);
        hostA.UseKestrel(0);
        hostB.UseKestrel(0);
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();
        var nodeA = hostA.Services.GetRequiredService<NodeIdentity>().Id;
        var nodeB = hostB.Services.GetRequiredService<NodeIdentity>().Id;
        var url = await LiveUrlAsync(station);

        using var listenerA = new HttpClient { BaseAddress = clientA.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var onA = await listenerA.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await ReadAsync(await onA.Content.ReadAsStreamAsync(), 8_000);
        var conductedByA = await Eventually.TrueAsync(async () => await AirAsync(station) is (var node, true) && node == nodeA);
        using var listenerB = new HttpClient { BaseAddress = clientB.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var onB = await listenerB.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var streamB = await onB.Content.ReadAsStreamAsync();
        var heardOnB = await ReadAsync(streamB, 16_000);
        var engineB = hostB.Services.GetRequiredService<RadioPlayout>();
        var bFollows = engineB.StateOf(station) is { Live: true, NowPlaying.Title: "Long" };

        // Skipped through node B's API: node A, the conductor, cues the next track (the 20-second one is cut).
        using var skip = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/radio/stations/{station}/skip") { Headers = { Authorization = new("Bearer", nova.AccessToken) } };
        using var skipped = await clientB.SendAsync(skip);
        var skipReachedA = await Eventually.TrueAsync(async () => await PlaysAsync(station) == 2, TimeSpan.FromSeconds(8));
        await Task.Delay(1500);
        var playsWhileBoth = await PlaysAsync(station);

        // Node A goes (its listener first, so its shutdown does not wait for an endless response).
        onA.Dispose();
        await hostA.DisposeAsync();
        var bTookOver = await Eventually.TrueAsync(async () => await AirAsync(station) is (var node, _) && node == nodeB, TimeSpan.FromSeconds(10));
        var keptHearing = await ReadAsync(streamB, 32_000);
        using var skipOnB = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/radio/stations/{station}/skip") { Headers = { Authorization = new("Bearer", nova.AccessToken) } };
        await clientB.SendAsync(skipOnB);
        var bCues = await Eventually.TrueAsync(async () => await PlaysAsync(station) == 3, TimeSpan.FromSeconds(8));

        Assert.Multiple(() =>
        {
            Assert.That(conductedByA, Is.True, "the first node on air conducts");
            Assert.That(heardOnB, Has.Length.EqualTo(16_000));
            Assert.That(bFollows, Is.True, "node B's encoder plays what node A put on air");
            Assert.That(skipped.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NoContent));
            Assert.That(skipReachedA, Is.True, "a skip asked on node B reaches the conductor on node A");
            Assert.That(playsWhileBoth, Is.EqualTo(2), "only the conductor cues: each track is in the history once, not once per node");
            Assert.That(bTookOver, Is.True, "node B conducts once node A is gone");
            Assert.That(keptHearing, Has.Length.EqualTo(32_000), "node B's listener kept hearing through the handover");
            Assert.That(bCues, Is.True, "node B now cues the station's tracks");
        });
    }

    [Test]
    public async Task A_station_whose_node_died_is_taken_over_and_put_back_on_air_but_one_dead_for_long_is_left_off_air()
    {
        var nova = await UserAsync("dj_nova");
        var orphaned = await LongTrackStationAsync(nova);
        var longDead = await LongTrackStationAsync(nova);
        var playout = Factory.Services.GetRequiredService<RadioPlayout>();
        var node = Factory.Services.GetRequiredService<NodeIdentity>().Id;
        // What a node that died leaves behind: a lease it no longer renews (a node stopped on purpose deletes it).
        await Database.ScalarAsync<long>(
            """
            WITH dead AS (INSERT INTO radio_station_air (station_id, node, lease_until)
                VALUES (@a, 'dead-node', now() - interval '5 seconds'), (@b, 'dead-node', now() - interval '10 minutes') RETURNING 1)
            SELECT count(*) FROM dead
            """,
            ("a", orphaned), ("b", longDead));

        await playout.AdoptOrphanedStationsAsync(CancellationToken.None);
        var liveAfterAdoption = playout.StateOf(orphaned).Live;
        var takenOver = await Eventually.TrueAsync(async () => await AirAsync(orphaned) is (var holder, true) && holder == node);
        var cued = await Eventually.TrueAsync(async () => await PlaysAsync(orphaned) == 1);

        Assert.Multiple(async () =>
        {
            Assert.That(takenOver, Is.True, "this node holds the station's lease and put a track on air");
            Assert.That(cued, Is.True, "its queue goes on from here");
            Assert.That(liveAfterAdoption, Is.True);
            Assert.That(playout.StateOf(longDead).Live, Is.False, "a station off air for long waits for its next listener");
            Assert.That((await AirAsync(longDead)).Node, Is.EqualTo("dead-node"));
        });
    }

    private async Task<(string? Node, bool OnAir)> AirAsync(Guid station)
    {
        var rows = await Database.ScalarsAsync<string>("SELECT node || '|' || (on_air IS NOT NULL)::text FROM radio_station_air WHERE station_id = @s", ("s", station));
        return rows.Count == 0 ? (null, false) : (rows[0].Split('|')[0], rows[0].Split('|')[1] == "true");
    }

    private Task<long> PlaysAsync(Guid station) => Database.ScalarAsync<long>("SELECT count(*) FROM radio_plays WHERE station_id = @s", ("s", station));

    /// <summary>A station whose rotation is one 20-second track (long enough that every cue in these tests is a skip or a handover).</summary>
    private Task<Guid> LongTrackStationAsync(Tokens owner) => StationPlayingAsync(owner, new TrackSeed("Long", Seconds: 20));
}
