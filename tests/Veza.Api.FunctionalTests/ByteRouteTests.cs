using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Tracks.Plays;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Streaming;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The byte route under load over real HTTP (Kestrel): many concurrent readers of one cached handle, a
/// client leaving mid-stream, a replaced file, and what is reported to the play meter.
/// </summary>
public class ByteRouteTests : TrackApiTestBase
{
    protected override bool UsesKestrel => true;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        ["Plays:FlushInterval"] = "00:01:00",
    };

    private OpenFileCache Cache => Factory.Services.GetRequiredService<OpenFileCache>();
    private ServedAudioMeter Meter => Factory.Services.GetRequiredService<ServedAudioMeter>();

    [SetUp]
    public void ForgetServedAudio() => Meter.Drain();

    [Test]
    public async Task Two_hundred_concurrent_range_readers_each_get_exactly_their_bytes_and_release_the_handle()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = await UrlAsync(id, owner.AccessToken);
        var stored = await File.ReadAllBytesAsync(Path.Combine(StorageRoot, TrackFiles.Mp3(id, 128)));
        var random = new Random(42);
        var ranges = Enumerable.Range(0, 200).Select(_ =>
        {
            var from = random.Next(stored.Length - 1);
            return (From: from, To: Math.Min(stored.Length - 1, from + random.Next(1, 32 * 1024)));
        }).ToList();

        var handlesBefore = Cache.OpenHandles;
        var results = await Task.WhenAll(ranges.Select(async r =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(r.From, r.To);
            using var response = await Client.SendAsync(request);
            return (response.StatusCode, Bytes: await response.Content.ReadAsByteArrayAsync());
        }));

        Assert.Multiple(() =>
        {
            for (var i = 0; i < ranges.Count; i++)
            {
                Assert.That(results[i].StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), $"range {i}");
                Assert.That(results[i].Bytes, Is.EqualTo(stored[ranges[i].From..(ranges[i].To + 1)]), $"range {i}: {ranges[i]}");
            }

            Assert.That(Cache.ActiveLeases, Is.Zero, "every reader released its lease");
            Assert.That(Cache.OpenHandles - handlesBefore, Is.EqualTo(1), "one handle served them all");
            Assert.That(Meter.Drain().Sum(s => s.Fraction * stored.Length), Is.EqualTo(ranges.Sum(r => r.To - r.From + 1)).Within(ranges.Count), "the meter heard every byte served (to a millionth of the file per request)");
        });
    }

    [Test]
    public async Task A_client_leaving_mid_stream_releases_the_file_and_only_what_it_got_is_reported()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        // A file far larger than the socket buffers, so the server is still writing when the client goes.
        var path = Path.Combine(StorageRoot, TrackFiles.Mp3(id, 128));
        const int size = 64 * 1024 * 1024;
        await File.WriteAllBytesAsync(path, new byte[size]);
        var url = await UrlAsync(id, owner.AccessToken);

        // A client socket with a fixed small receive buffer: with the kernel's autotuning (up to 32 MB here) the
        // whole file could sit in buffers before the server sees the client go.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = Client.BaseAddress };
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        await body.ReadExactlyAsync(buffer);
        var heldWhileReading = Cache.ActiveLeases;
        response.Dispose();

        Assert.That(heldWhileReading, Is.EqualTo(1), "the server was mid-stream");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Cache.ActiveLeases == 0), TimeSpan.FromSeconds(20)), Is.True, "the lease is released when the client goes");
        var reported = Meter.Drain().Sum(s => s.Fraction) * size;
        Assert.That(reported, Is.GreaterThanOrEqualTo(buffer.Length).And.LessThan(size / 2), "what was written before the client left, not the whole file");
    }

    [Test]
    public async Task A_file_replaced_by_processing_is_served_new_and_head_or_304_report_nothing()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = await UrlAsync(id, owner.AccessToken);
        using var first = await Client.GetAsync(url);
        var etag = first.Headers.ETag!;
        Meter.Drain();

        using (var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)))
        using (var notModified = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } }))
        {
            Assert.That((head.StatusCode, notModified.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.NotModified)));
            Assert.That(Meter.Drain(), Is.Empty, "no audio left the server");
        }

        // What reprocessing does: new bytes under the same key (temporary file and rename), a new processing stamp.
        var replacement = Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray();
        var path = Path.Combine(StorageRoot, TrackFiles.Mp3(id, 128));
        await File.WriteAllBytesAsync(path + ".new", replacement);
        File.Move(path + ".new", path, overwrite: true);
        await Database.ScalarAsync<int>("UPDATE tracks SET processed_at = processed_at + interval '1 second' WHERE id = @id RETURNING 1", ("id", id));

        using var after = await Client.GetAsync(url);
        Assert.That(await after.Content.ReadAsByteArrayAsync(), Is.EqualTo(replacement));
        Assert.That(after.Headers.ETag, Is.Not.EqualTo(etag));
    }

    private async Task<string> UrlAsync(Guid id, string accessToken) =>
        (await OkAsync(await GetAsync($"/api/v1/tracks/{id}/stream", accessToken)))["data"]!["urls"]!["mp3_128"]!.GetValue<string>();
}

/// <summary>The byte routes' memory of a track's renditions: a deleted track stops playing within the configured bound.</summary>
public class ByteRouteCacheTests : TrackApiTestBase
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        ["Streaming:TrackCacheLifetime"] = "00:00:02",
    };

    [Test]
    public async Task A_deleted_track_stops_playing_within_the_cache_lifetime()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}/stream", owner.AccessToken)))["data"]!["urls"]!["mp3_128"]!.GetValue<string>();
        using (var first = await Client.GetAsync(url))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Database.ScalarAsync<int>("DELETE FROM tracks WHERE id = @id RETURNING 1", ("id", id));
        using (var remembered = await Client.GetAsync(url))
        {
            Assert.That(remembered.StatusCode, Is.EqualTo(HttpStatusCode.OK), "served from the node's memory of the track");
        }

        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var response = await Client.GetAsync(url);
            return response.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(10)), Is.True, "gone once the lifetime passed");
    }
}

/// <summary>The byte routes are limited per signed listener, not by the general per-IP limit.</summary>
public class ByteRouteRateLimitTests : TrackApiTestBase
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(base.Settings!)
    {
        ["RateLimiting:Policies:stream:PermitLimit"] = "3",
    };

    [Test]
    public async Task A_listener_past_its_limit_is_429_while_another_listener_behind_the_same_address_plays_on()
    {
        var owner = await UserAsync("dj_nova");
        var listener = await UserAsync("listener");
        var id = await SeedTrackAsync(owner.UserId);
        var mine = await UrlAsync(id, owner.AccessToken);
        var theirs = await UrlAsync(id, listener.AccessToken);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await Client.GetAsync(mine);
            statuses.Add(response.StatusCode);
        }

        using var limited = await Client.GetAsync(mine);
        using var other = await Client.GetAsync(theirs);
        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429 }));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same address, another listener");
        await AssertErrorAsync(limited, (HttpStatusCode)429, "RATE_LIMITED");
    }

    private async Task<string> UrlAsync(Guid id, string accessToken) =>
        (await OkAsync(await GetAsync($"/api/v1/tracks/{id}/stream", accessToken)))["data"]!["urls"]!["mp3_128"]!.GetValue<string>();
}
