using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Veza.Domain.Tracks;

namespace Veza.Api.FunctionalTests;

/// <summary>GET /tracks/{id}/stream and the signed byte route: access rules, signatures, Range and conditional requests, byte for byte.</summary>
public class StreamingTests : TrackApiTestBase
{
    [Test]
    public async Task The_owner_gets_signed_urls_for_each_rendition_and_the_original_others_only_the_renditions()
    {
        var owner = await UserAsync("dj_nova");
        var listener = await UserAsync("listener");
        var id = await SeedTrackAsync(owner.UserId);

        var mine = await UrlsAsync(id, owner.AccessToken);
        var theirs = await UrlsAsync(id, listener.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(mine["urls"]!["mp3_128"]!.GetValue<string>(), Does.StartWith($"/stream/tracks/{id}/mp3_128?exp="));
            Assert.That(mine["urls"]!["mp3_128"]!.GetValue<string>(), Does.Contain($"&lid={owner.UserId:N}&sig="));
            Assert.That(mine["urls"]!["mp3_320"], Is.Null, "no 320 rendition from this source");
            Assert.That(mine["urls"]!["original"], Is.Not.Null);
            Assert.That(theirs["urls"]!["original"], Is.Null, "the original is the owner's and admins' only");
            Assert.That(DateTimeOffset.Parse(theirs["expires_at"]!.GetValue<string>()), Is.EqualTo(DateTimeOffset.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(theirs["track_gain_db"]!.GetValue<double>(), Is.EqualTo(2.0));
        });
    }

    [Test]
    public async Task Private_hidden_and_unready_tracks_are_refused_to_others()
    {
        var owner = await UserAsync("dj_nova");
        var other = await UserAsync("listener");
        var privateTrack = await SeedTrackAsync(owner.UserId, new TrackSeed(Visibility: "private"));
        var hidden = await SeedTrackAsync(owner.UserId, new TrackSeed(HiddenReason: "copyright"));
        var processing = await SeedTrackAsync(owner.UserId, new TrackSeed(Status: "processing"));

        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{privateTrack}/stream", other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{hidden}/stream", other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var unready = await AssertErrorAsync(await GetAsync($"/api/v1/tracks/{processing}/stream", owner.AccessToken), (HttpStatusCode)422, "INVALID_STATE");
        Assert.That(unready["error"]!["details"]!.ToJsonString(), Does.Contain("processing"));
        using var ownPrivate = await GetAsync($"/api/v1/tracks/{privateTrack}/stream", owner.AccessToken);
        Assert.That(ownPrivate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_whole_file_and_every_kind_of_range_match_the_stored_bytes()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = (await UrlsAsync(id, owner.AccessToken))["urls"]!["mp3_128"]!.GetValue<string>();
        var stored = await File.ReadAllBytesAsync(Path.Combine(StorageRoot, TrackFiles.Mp3(id, 128)));
        var size = stored.Length;

        using (var whole = await Client.GetAsync(url))
        {
            Assert.That(whole.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await whole.Content.ReadAsByteArrayAsync(), Is.EqualTo(stored));
            Assert.That(whole.Headers.AcceptRanges, Does.Contain("bytes"));
            Assert.That(whole.Content.Headers.ContentType!.MediaType, Is.EqualTo("audio/mpeg"));
            Assert.That(whole.Headers.ETag, Is.Not.Null);
            Assert.That(whole.Content.Headers.LastModified, Is.Not.Null);
            Assert.That(whole.Headers.CacheControl!.Private, Is.True);
            Assert.That(whole.Headers.CacheControl.MaxAge, Is.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        }

        foreach (var (range, from, to) in new[] { ("bytes=0-0", 0, 0), ($"bytes={size - 1}-{size - 1}", size - 1, size - 1), ("bytes=-100", size - 100, size - 1), ("bytes=1000-", 1000, size - 1), ("bytes=10-2000", 10, 2000), ($"bytes=5-{size + 500}", 5, size - 1) })
        {
            using var partial = await SendRangeAsync(url, range);
            Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), range);
            Assert.That(partial.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes {from}-{to}/{size}"), range);
            Assert.That(await partial.Content.ReadAsByteArrayAsync(), Is.EqualTo(stored[from..(to + 1)]), range);
        }

        using (var past = await SendRangeAsync(url, $"bytes={size}-"))
        {
            Assert.That(past.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
            Assert.That(past.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes */{size}"));
        }

        foreach (var ignored in new[] { "bytes=0-1,5-9", "bytes=abc", "items=0-5", "bytes=9-2" })
        {
            using var response = await SendRangeAsync(url, ignored);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{ignored}: the whole file (documented)");
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(stored), ignored);
        }
    }

    [Test]
    public async Task Conditional_requests_and_head_follow_rfc_9110()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = (await UrlsAsync(id, owner.AccessToken))["urls"]!["mp3_128"]!.GetValue<string>();
        using var first = await Client.GetAsync(url);
        var etag = first.Headers.ETag!;

        using (var notModified = await SendAsync(url, r => r.Headers.IfNoneMatch.Add(etag)))
        {
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        }

        using (var sameVersion = await SendAsync(url, r => { r.Headers.Range = new RangeHeaderValue(0, 9); r.Headers.IfRange = new RangeConditionHeaderValue(etag); }))
        {
            Assert.That(sameVersion.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        }

        using (var otherVersion = await SendAsync(url, r => { r.Headers.Range = new RangeHeaderValue(0, 9); r.Headers.IfRange = new RangeConditionHeaderValue("\"another\""); }))
        {
            Assert.That(otherVersion.StatusCode, Is.EqualTo(HttpStatusCode.OK), "If-Range of another version: the whole file");
        }

        using var head = await SendAsync(url, r => r.Method = HttpMethod.Head);
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(first.Content.Headers.ContentLength));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task A_tampered_or_missing_signature_is_403_without_a_hint_and_an_unknown_track_behind_a_valid_one_is_404()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = (await UrlsAsync(id, owner.AccessToken))["urls"]!["mp3_128"]!.GetValue<string>();
        var query = System.Web.HttpUtility.ParseQueryString(url[(url.IndexOf('?') + 1)..]);

        var messages = new HashSet<string>();
        foreach (var tampered in new[]
                 {
                     url.Replace("mp3_128", "original"),
                     url.Replace($"exp={query["exp"]}", $"exp={long.Parse(query["exp"]!) + 60}"),
                     url.Replace($"lid={query["lid"]}", $"lid={Guid.NewGuid():N}"),
                     url[..url.IndexOf("&sig=", StringComparison.Ordinal)],
                     $"/stream/tracks/{id}/mp3_128",
                 })
        {
            using var response = await Client.GetAsync(tampered);
            var body = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
            messages.Add(body["error"]!["message"]!.GetValue<string>());
        }

        Assert.That(messages, Has.Count.EqualTo(1), "one message whatever failed");
        await Database.ScalarAsync<int>("DELETE FROM tracks WHERE id = @id RETURNING 1", ("id", id));
        await AssertErrorAsync(await Client.GetAsync(url), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    private async Task<JsonNode> UrlsAsync(Guid id, string accessToken)
    {
        using var response = await GetAsync($"/api/v1/tracks/{id}/stream", accessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["data"]!;
    }

    private Task<HttpResponseMessage> SendRangeAsync(string url, string range) =>
        SendAsync(url, r => r.Headers.TryAddWithoutValidation("Range", range));

    private async Task<HttpResponseMessage> SendAsync(string url, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return await Client.SendAsync(request);
    }
}
