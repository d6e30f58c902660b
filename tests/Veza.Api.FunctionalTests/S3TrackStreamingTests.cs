using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Storage;
using Veza.TestKit;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The whole path on S3 storage (s3rver, started by build/test.sh): an upload over HTTP lands in the bucket, the API's
/// own worker processes it from there with the real ffmpeg, and the signed byte routes stream it back, Range included.
/// </summary>
public class S3TrackStreamingTests : UserApiTestBase
{
    private static readonly string AudioDir = Path.Combine(Path.GetTempPath(), "veza-s3-audio-" + Guid.NewGuid().ToString("N"));
    private TestBucket? _bucket;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Bucket.Settings)
    {
        ["Jobs:PollInterval"] = "00:00:00.100",
    };

    // The API starts (in the base fixture's set-up) with the bucket's settings, so the bucket comes first.
    private TestBucket Bucket => _bucket ??= TestBucket.CreateAsync().GetAwaiter().GetResult();

    [OneTimeTearDown]
    public async Task DeleteBucket()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }

        if (Directory.Exists(AudioDir))
        {
            Directory.Delete(AudioDir, recursive: true);
        }
    }

    [Test]
    public async Task A_track_uploaded_on_s3_is_processed_from_there_and_its_mp3_streams_whole_and_in_ranges()
    {
        Assert.That(Factory.Services.GetRequiredService<IFileStorage>(), Is.InstanceOf<S3FileStorage>(), "Storage:S3:Bucket chose the S3 adapter");
        var owner = await RegisterAsync();
        Directory.CreateDirectory(AudioDir);
        var tone = await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(AudioDir, "tone.wav"), 5));

        using var upload = await TrackUploadRequests.UploadAsync(Client, owner.AccessToken, tone, "Night_Drive.wav");
        var uploaded = await BodyAsync(upload);
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), uploaded.ToJsonString());
        var id = uploaded["data"]!["id"]!.GetValue<Guid>();
        Assert.That(await WaitForOutcomeAsync(id, owner.AccessToken), Is.EqualTo("ready"));

        var keys = await Bucket.KeysAsync();
        Assert.That(keys, Does.Contain(TrackFiles.Original(id)).And.Contain(TrackFiles.Mp3(id, 128)).And.Contain(TrackFiles.Hls(id, "master.m3u8")));
        byte[] stored;
        using (var mp3 = await Bucket.Client.GetObjectAsync(Bucket.Name, TrackFiles.Mp3(id, 128)))
        using (var copy = new MemoryStream())
        {
            await mp3.ResponseStream.CopyToAsync(copy);
            stored = copy.ToArray();
        }

        var urls = (await OkAsync(await GetAsync($"/api/v1/tracks/{id}/stream", owner.AccessToken)))["data"]!["urls"]!;
        var url = urls["mp3_128"]!.GetValue<string>();
        var size = stored.Length;
        using (var whole = await Client.GetAsync(url))
        {
            Assert.That(whole.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await whole.Content.ReadAsByteArrayAsync(), Is.EqualTo(stored));
        }

        foreach (var (range, from, to) in new[] { ("bytes=1000-5999", 1000, 5999), ("bytes=-100", size - 100, size - 1), ($"bytes={size / 2}-", size / 2, size - 1) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = RangeHeaderValue.Parse(range);
            using var partial = await Client.SendAsync(request);
            Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), range);
            Assert.That(partial.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes {from}-{to}/{size}"), range);
            Assert.That(await partial.Content.ReadAsByteArrayAsync(), Is.EqualTo(stored[from..(to + 1)]), range);
        }

        using var master = await Client.GetAsync(urls["hls"]!.GetValue<string>());
        Assert.That(master.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await master.Content.ReadAsStringAsync(), Does.StartWith("#EXTM3U"));
    }

    [Test]
    public async Task Health_shows_the_bucket_as_the_storage_component()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add(VezaApiFactory.RemoteAddressHeader, "127.0.0.1");
        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var data = (await BodyAsync(response))["data"]!;
        Assert.That(data["components"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public void The_api_refuses_to_start_with_s3_settings_that_cannot_work()
    {
        using var factory = new VezaApiFactory(Database.ConnectionString, new Dictionary<string, string?>(Bucket.Settings) { ["Storage:S3:SecretKey"] = "" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient().Dispose());
        Assert.That(error!.Message, Does.Contain("Storage:S3:AccessKey and Storage:S3:SecretKey are required"));
    }

    private async Task<string> WaitForOutcomeAsync(Guid id, string accessToken)
    {
        var status = "processing";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await GetAsync($"/api/v1/tracks/{id}/processing", accessToken);
            status = (await BodyAsync(response))["data"]!["status"]!.GetValue<string>();
            return status != "processing";
        }, TimeSpan.FromSeconds(90));
        return status;
    }
}
