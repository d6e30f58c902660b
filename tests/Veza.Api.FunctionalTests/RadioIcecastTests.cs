using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Veza.Infrastructure.Radio;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>Scale-out: stations push to a real icecast2 as sources, listeners are sent there, and a station stops when Icecast has nobody left.</summary>
public class RadioIcecastTests : RadioApiTestBase
{
    private static IcecastServer? _icecast;

    protected override bool UsesKestrel => true;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        // Long enough for the push to reach Icecast and Icecast to count the listener sent there.
        ["Radio:IdleTimeout"] = "00:00:05",
        ["Radio:IcecastUrl"] = (_icecast ??= IcecastServer.Start()).BaseAddress.ToString().TrimEnd('/'),
        ["Radio:IcecastSourcePassword"] = IcecastServer.SourcePassword,
    };

    [OneTimeTearDown]
    public void StopIcecast()
    {
        _icecast?.Dispose();
        _icecast = null;
    }

    [Test]
    public async Task Listeners_are_sent_to_the_stations_icecast_mount_which_carries_the_stream_and_its_titles_and_it_stops_when_nobody_listens_there()
    {
        var nova = await UserAsync("dj_nova");
        var station = await StationPlayingAsync(nova, new TrackSeed("Loop"));
        var playout = Factory.Services.GetRequiredService<RadioPlayout>();
        using var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Client.BaseAddress };

        using var redirect = await api.GetAsync(await LiveUrlAsync(station));
        var mount = $"/{station:N}.mp3";
        await _icecast!.WaitForMountAsync(mount);
        using var icecastClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_icecast.BaseAddress, mount)) { Headers = { { "Icy-MetaData", "1" } } };
        string? title;
        int audio;
        bool counted;
        using (var listener = await icecastClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            (audio, title) = await ReadUntilTitleAsync(await listener.Content.ReadAsStreamAsync(), int.Parse(listener.Headers.GetValues("icy-metaint").Single()));
            // Nobody listens to the API itself: a play with a listener is Icecast's listener, counted at a cue.
            counted = await Eventually.TrueAsync(async () =>
                await Database.ScalarAsync<long>("SELECT count(*) FROM plays WHERE source = 'radio' AND listeners >= 1") > 0, TimeSpan.FromSeconds(20));
        }

        var onAirWithListener = playout.StateOf(station).Live;
        // Icecast has nobody left: after the idle time the station stops pushing and its mount goes.
        var stopped = await Eventually.TrueAsync(async () =>
        {
            await playout.SweepIdleAsync();
            return !playout.StateOf(station).Live;
        }, TimeSpan.FromSeconds(40));

        Assert.Multiple(() =>
        {
            Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(redirect.Headers.Location, Is.EqualTo(new Uri(_icecast.BaseAddress, mount)));
            Assert.That(audio, Is.GreaterThan(0), "Icecast carries the station's audio");
            Assert.That(title, Is.EqualTo("dj_nova - Loop"), "and its titles");
            Assert.That(counted, Is.True, "Icecast's listeners count in the radio plays the station records");
            Assert.That(onAirWithListener, Is.True);
            Assert.That(stopped, Is.True);
        });
    }

    /// <summary>Reads ICY-interleaved audio until a title is announced (or 20 s of audio pass).</summary>
    private static async Task<(int Audio, string? Title)> ReadUntilTitleAsync(Stream stream, int metaInt)
    {
        var audio = 0;
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (audio < 20 * 16_000)
        {
            var chunk = new byte[metaInt];
            await stream.ReadExactlyAsync(chunk, timeout.Token);
            audio += chunk.Length;
            await stream.ReadExactlyAsync(one, timeout.Token);
            if (one[0] > 0)
            {
                var block = new byte[one[0] * 16];
                await stream.ReadExactlyAsync(block, timeout.Token);
                var text = Encoding.UTF8.GetString(block).TrimEnd('\0');
                var value = text["StreamTitle='".Length..text.IndexOf("';", StringComparison.Ordinal)];
                if (value.Length > 0)
                {
                    return (audio, value);
                }
            }
        }

        return (audio, null);
    }
}
