using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>What the radio tests share: a station playing one seeded track on loop, its signed live URLs, reading its stream.</summary>
public abstract class RadioApiTestBase : TrackApiTestBase
{
    /// <summary>A station whose rotation is the one track seeded here (a fresh tag, so stations of one test do not share it).</summary>
    protected async Task<Guid> StationPlayingAsync(Tokens owner, TrackSeed track)
    {
        var station = await StationAsync(owner);
        var tag = $"rot{Guid.NewGuid():N}"[..12];
        await SeedTrackAsync(owner.UserId, track with { Tags = [tag] });
        await OkAsync(await PutAsync($"/api/v1/radio/stations/{station}/rotation", new { tags = new[] { tag } }, owner.AccessToken));
        return station;
    }

    /// <summary>A new public station of <paramref name="owner"/>'s, with no rotation yet.</summary>
    protected async Task<Guid> StationAsync(Tokens owner)
    {
        using var created = await PostAsync("/api/v1/radio/stations", new { name = "Night Drive FM", slug = $"s-{Guid.NewGuid():N}"[..20] }, owner.AccessToken);
        var body = await BodyAsync(created);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    /// <summary>The station's live URL (stream_url or hls_url) as an anonymous listener gets it, signed.</summary>
    protected async Task<string> LiveUrlAsync(Guid station, string which = "stream_url") =>
        (await OkAsync(await GetAsync($"/api/v1/radio/stations/{station}")))["data"]!["station"]![which]!.GetValue<string>();

    /// <summary>Exactly <paramref name="count"/> bytes of a live stream, within 30 s.</summary>
    protected static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var bytes = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.ReadExactlyAsync(bytes, timeout.Token);
        return bytes;
    }
}
