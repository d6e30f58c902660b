using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Veza.Application.Radio;
using Veza.Domain.Ports;
using Veza.Infrastructure.Radio;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Scale-out: stations push to a real icecast2 as sources, listeners are sent there with their signature, which
/// Icecast has the API check (URL authentication) before it admits them, and a station stops when Icecast has nobody left.
/// </summary>
public class RadioIcecastTests : RadioApiTestBase
{
    private const string ListenerAdd = "/api/v1/radio/icecast/listener-add";
    private static IcecastServer? _icecast;
    private static int? _apiPort;

    protected override bool UsesKestrel => true;

    // Chosen before start-up: Icecast's configuration names the API's listener-add URL.
    protected override int KestrelPort => _apiPort ??= ServerProcess.FreePort();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        // Long enough for the push to reach Icecast and Icecast to count the listener sent there.
        ["Radio:IdleTimeout"] = "00:00:05",
        ["Radio:IcecastUrl"] = (_icecast ??= IcecastServer.Start(new Uri($"http://127.0.0.1:{KestrelPort}{ListenerAdd}"))).BaseAddress.ToString().TrimEnd('/'),
        ["Radio:IcecastSourcePassword"] = IcecastServer.SourcePassword,
        ["Radio:IcecastAuthSecret"] = IcecastServer.AuthSecret,
    };

    [OneTimeTearDown]
    public void StopIcecast()
    {
        _icecast?.Dispose();
        (_icecast, _apiPort) = (null, null);
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
        using var request = new HttpRequestMessage(HttpMethod.Get, redirect.Headers.Location) { Headers = { { "Icy-MetaData", "1" } } };
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
            Assert.That(redirect.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(_icecast.BaseAddress, mount).AbsoluteUri));
            Assert.That(redirect.Headers.Location.Query, Does.Contain("&sig="), "the mount's URL carries the signature Icecast has the API check");
            Assert.That(audio, Is.GreaterThan(0), "Icecast carries the station's audio");
            Assert.That(title, Is.EqualTo("dj_nova - Loop"), "and its titles");
            Assert.That(counted, Is.True, "Icecast's listeners count in the radio plays the station records");
            Assert.That(onAirWithListener, Is.True);
            Assert.That(stopped, Is.True);
        });
    }

    [Test]
    public async Task Icecast_plays_the_redirects_signed_url_and_refuses_the_bare_mount_and_a_tampered_expired_or_other_stations_signature()
    {
        var nova = await UserAsync("dj_nova");
        var station = await StationPlayingAsync(nova, new TrackSeed("Loop"));
        using var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Client.BaseAddress };
        using var redirect = await api.GetAsync(await LiveUrlAsync(station));
        var mount = new Uri(_icecast!.BaseAddress, $"/{station:N}.mp3");
        await _icecast.WaitForMountAsync(mount.AbsolutePath);
        var signer = Factory.Services.GetRequiredService<IStreamUrlSigner>();
        var now = Factory.Services.GetRequiredService<IClock>().UtcNow;
        var signature = redirect.Headers.Location!.Query;
        var sig = signature[(signature.IndexOf("&sig=", StringComparison.Ordinal) + 5)..];
        var refused = new Dictionary<string, string>
        {
            ["bare mount"] = string.Empty,
            ["tampered"] = signature.Replace("&sig=" + sig, "&sig=" + (sig[0] == 'A' ? 'B' : 'A') + sig[1..], StringComparison.Ordinal),
            ["expired"] = "?" + signer.Sign(StationView.Mp3Path(station), "a-listener", now.AddMinutes(-1)),
            ["another station's"] = "?" + signer.Sign(StationView.Mp3Path(Guid.NewGuid()), "a-listener", now.AddHours(1)),
        };

        using var icecastClient = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        int audio;
        var answers = new Dictionary<string, HttpStatusCode>();
        // The signed listener stays on while the others try: the mount is on air, so a refusal is the authentication's.
        using (var listener = await icecastClient.GetAsync(redirect.Headers.Location, HttpCompletionOption.ResponseHeadersRead))
        {
            audio = (await ReadAsync(await listener.Content.ReadAsStreamAsync(), 16_000)).Length;
            foreach (var (name, query) in refused)
            {
                using var answer = await icecastClient.GetAsync(new Uri(mount, query), HttpCompletionOption.ResponseHeadersRead);
                answers[name] = answer.StatusCode;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(audio, Is.EqualTo(16_000), "the redirect's URL plays");
            foreach (var (name, status) in answers)
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), $"Icecast refuses the {name}");
            }
        });
    }

    [Test]
    public async Task Listener_add_admits_a_valid_signature_only_when_icecast_gives_the_shared_secret()
    {
        var station = await StationAsync(await UserAsync("dj_nova"));
        var signed = await LiveUrlAsync(station);
        var mount = $"/{station:N}.mp3{signed[signed.IndexOf('?', StringComparison.Ordinal)..]}";

        async Task<(HttpStatusCode Status, bool Admitted)> AskAsync(string? secret, string asked)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ListenerAdd)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["action"] = "listener_add", ["server"] = "127.0.0.1", ["port"] = "8000", ["client"] = "1", ["mount"] = asked,
                    ["user"] = string.Empty, ["pass"] = string.Empty, ["ip"] = "203.0.113.7", ["agent"] = "test",
                }),
            };
            if (secret is not null)
            {
                request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"icecast:{secret}")));
            }

            using var response = await Client.SendAsync(request);
            return (response.StatusCode, response.Headers.TryGetValues("icecast-auth-user", out var values) && values.Single() == "1");
        }

        var right = await AskAsync(IcecastServer.AuthSecret, mount);
        var wrong = await AskAsync(IcecastServer.AuthSecret[..^1] + "x", mount);
        var none = await AskAsync(null, mount);
        var unsigned = await AskAsync(IcecastServer.AuthSecret, $"/{station:N}.mp3");
        var expired = await AskAsync(IcecastServer.AuthSecret, $"/{station:N}.mp3?" + Factory.Services.GetRequiredService<IStreamUrlSigner>()
            .Sign(StationView.Mp3Path(station), "a-listener", Factory.Services.GetRequiredService<IClock>().UtcNow.AddSeconds(-1)));

        Assert.Multiple(() =>
        {
            Assert.That(right, Is.EqualTo((HttpStatusCode.NoContent, true)));
            Assert.That(wrong, Is.EqualTo((HttpStatusCode.Unauthorized, false)), "a wrong secret");
            Assert.That(none, Is.EqualTo((HttpStatusCode.Unauthorized, false)), "no secret");
            Assert.That(unsigned, Is.EqualTo((HttpStatusCode.Forbidden, false)), "the right secret, no signature");
            Assert.That(expired, Is.EqualTo((HttpStatusCode.Forbidden, false)), "the right secret, an expired signature");
        });
    }

    [Test]
    public void Icecast_without_an_auth_secret_stops_start_up()
    {
        using var factory = new VezaApiFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Radio:IcecastUrl"] = "http://127.0.0.1:8000",
            ["Radio:IcecastSourcePassword"] = IcecastServer.SourcePassword,
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient().Dispose());
        Assert.That(error!.Message, Does.Contain("Radio:IcecastAuthSecret"));
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
