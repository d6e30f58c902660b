using System.Net;
using System.Text.Json.Nodes;
using Veza.Domain.Ports;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The whole path of a track through the real API, job worker and ffmpeg: upload, processing, what the
/// catalogue then shows and serves, the owner's quota, and deletion giving it all back.
/// </summary>
public class TrackLifecycleTests : TrackApiTestBase
{
    [Test]
    public async Task An_uploaded_flac_is_processed_served_counted_and_fully_removed_on_delete()
    {
        var me = await UserAsync("dj_nova");
        var flac = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(StorageRoot, $"lifecycle-{Guid.NewGuid():N}.flac"), 8, withTags: true));

        Guid id;
        using (var upload = await TrackUploadRequests.UploadAsync(Client, me.AccessToken, flac, "night_drive.flac",
                   new() { ["title"] = "Night Drive", ["tags"] = "Synthwave, tape" }, artwork: Png))
        {
            var body = await BodyAsync(upload);
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
            id = body["data"]!["id"]!.GetValue<Guid>();
        }

        JsonNode track = null!;
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var response = await GetAsync($"/api/v1/tracks/{id}", me.AccessToken);
            track = (await BodyAsync(response))["data"]!;
            return track["status"]!.GetValue<string>() != "processing";
        }, TimeSpan.FromSeconds(90)), Is.True, "processing ends");

        Assert.Multiple(() =>
        {
            Assert.That(track["status"]!.GetValue<string>(), Is.EqualTo("ready"), track.ToJsonString());
            Assert.That(track["variants"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EquivalentTo(new[] { "mp3_128", "mp3_320", "hls" }), "320 from a lossless source");
            Assert.That(track["duration"]!.GetValue<double>(), Is.EqualTo(8).Within(0.1));
            Assert.That(track["loudness_lufs"]!.GetValue<double>(), Is.EqualTo(TestAudio.ExpectedLufs).Within(0.5));
            Assert.That(track["track_gain_db"]!.GetValue<double>(), Is.EqualTo(-18 - track["loudness_lufs"]!.GetValue<double>()).Within(0.01));
            Assert.That(track["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "synthwave", "tape" }));
            Assert.That(track["artwork"], Is.Not.Null, "the uploaded artwork");
            Assert.That(track["title"]!.GetValue<string>(), Is.EqualTo("Night Drive"), "the given title wins over the embedded one");
            Assert.That(track["artist"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"), "the artist is always the uploader");
            Assert.That(track["credited_artist"]!.GetValue<string>(), Is.EqualTo("The Tape Loops"), "the embedded artist is credited");
            Assert.That(track["album"]!.GetValue<string>(), Is.EqualTo("Cassette Dreams"), "an empty field is filled from the tags");
            Assert.That(track["genre"]!.GetValue<string>(), Is.EqualTo("Synthwave"));
        });

        using (var waveform = await GetAsync($"/api/v1/tracks/{id}/waveform", me.AccessToken))
        {
            var json = JsonNode.Parse(await waveform.Content.ReadAsStringAsync())!;
            Assert.That(waveform.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "peaks", "duration" }), "the file as documented: no envelope");
            Assert.That(json["peaks"]!.AsArray(), Has.Count.EqualTo(1800));
            Assert.That(json["duration"]!.GetValue<double>(), Is.EqualTo(track["duration"]!.GetValue<double>()).Within(0.01));
        }

        using (var artwork = await GetAsync($"/api/v1/tracks/{id}/artwork?size=128", me.AccessToken))
        {
            Assert.That(artwork.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await TestImages.ProbeAsync(await artwork.Content.ReadAsByteArrayAsync()), Is.EqualTo((128, 128, "webp")));
        }

        var stored = await Database.ScalarAsync<long>("SELECT stored_bytes FROM tracks WHERE id = @id", ("id", id));
        var onDisk = Directory.EnumerateFiles(TrackFolder(id), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.That(stored, Is.EqualTo(onDisk), "the quota counts exactly what is stored");
        Assert.That((await QuotaAsync(me.AccessToken))["used_bytes"]!.GetValue<long>(), Is.EqualTo(stored));

        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/tracks/{id}", null, me.AccessToken))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(TrackFolder(id)))), Is.True, "every stored file goes");
        Assert.Multiple(async () =>
        {
            Assert.That((await QuotaAsync(me.AccessToken))["used_bytes"]!.GetValue<long>(), Is.Zero);
            Assert.That(await Database.ScalarAsync<int>("SELECT usage_count FROM tags WHERE name = 'tape'"), Is.Zero);
            using var gone = await GetAsync($"/api/v1/tracks/{id}", me.AccessToken);
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private async Task<JsonNode> QuotaAsync(string accessToken)
    {
        using var response = await GetAsync("/api/v1/users/me/quota", accessToken);
        return (await BodyAsync(response))["data"]!;
    }
}

/// <summary>HLS over real HTTP (Kestrel): the signed master playlist leads a standard client (ffprobe) through every variant and segment.</summary>
public class HlsPlaybackTests : TrackApiTestBase
{
    protected override bool UsesKestrel => true;

    [Test]
    public async Task Ffprobe_follows_the_signed_playlists_and_reads_the_whole_track_and_a_tampered_segment_is_403()
    {
        var me = await UserAsync("dj_nova");
        var flac = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(StorageRoot, $"hls-{Guid.NewGuid():N}.flac"), 14));
        Guid id;
        using (var upload = await TrackUploadRequests.UploadAsync(Client, me.AccessToken, flac, "hls.flac"))
        {
            var body = await BodyAsync(upload);
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
            id = body["data"]!["id"]!.GetValue<Guid>();
        }

        JsonNode? urls = null;
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var response = await GetAsync($"/api/v1/tracks/{id}/stream", me.AccessToken);
            urls = response.StatusCode == HttpStatusCode.OK ? (await BodyAsync(response))["data"]!["urls"] : null;
            return urls is not null;
        }, TimeSpan.FromSeconds(90)), Is.True, "the track becomes ready");

        var master = Client.BaseAddress + urls!["hls"]!.GetValue<string>().TrimStart('/');
        var probe = JsonNode.Parse(await TestImages.RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "json", master]))!;
        Assert.That(double.Parse(probe["format"]!["duration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(14).Within(0.5));

        using var playlist = await Client.GetAsync(urls["hls"]!.GetValue<string>());
        var text = await playlist.Content.ReadAsStringAsync();
        Assert.That(playlist.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/vnd.apple.mpegurl"));
        var variant = text.Split('\n').First(l => l.StartsWith("/stream/", StringComparison.Ordinal));
        var variantText = await (await Client.GetAsync(variant)).Content.ReadAsStringAsync();
        var segment = variantText.Split('\n').First(l => l.StartsWith("/stream/", StringComparison.Ordinal));
        using (var ok = await Client.GetAsync(segment))
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ok.Content.Headers.ContentType!.MediaType, Is.EqualTo("video/mp2t"));
        }

        using var tampered = await Client.GetAsync(segment.Replace("segment-000", "segment-001"));
        await AssertErrorAsync(tampered, HttpStatusCode.Forbidden, "FORBIDDEN");

        // A browser player: hls.js in headless Chromium follows the signed playlists and plays.
        var (played, report) = await PlayInChromiumAsync(urls["hls"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(played, Is.True, report.ToJsonString());
            Assert.That(report["manifestParsed"]!.GetValue<bool>(), Is.True);
            Assert.That(report["levels"]!.AsArray(), Has.Count.EqualTo(HlsLadder.BitratesKbps.Length), "both ladder rungs");
            Assert.That(report["fragmentsLoaded"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
            Assert.That(report["currentTime"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(3).Or.Matches<double>(_ => report["ended"]!.GetValue<bool>()));
            Assert.That(report["fatal"], Is.Null);
        });

        var signature = urls["hls"]!.GetValue<string>();
        var (forged, refused) = await PlayInChromiumAsync(signature[..^4] + (signature[^4..] == "AAAA" ? "BBBB" : "AAAA"));
        Assert.That(forged, Is.False);
        Assert.That(refused["fatal"]!.GetValue<string>(), Does.Contain("manifestLoadError").And.Contain("403"));
    }

    /// <summary>Runs build/test-servers/hls-play.mjs (hls.js in Debian's Chromium through playwright-core) on a signed master path.</summary>
    private async Task<(bool Played, JsonNode Report)> PlayInChromiumAsync(string masterPath)
    {
        var start = new System.Diagnostics.ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestServers.NodeScripts,
        };
        foreach (var argument in new[] { Path.Combine(TestServers.NodeScripts, "hls-play.mjs"), Client.BaseAddress!.ToString(), masterPath, "3" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["VEZA_CHROMIUM"] = TestServers.Chromium;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = (await output).Trim();
        Assert.That(text, Does.StartWith("{"), $"the player printed no report: {await errors}");
        return (process.ExitCode == 0, JsonNode.Parse(text.Split('\n')[^1])!);
    }
}
