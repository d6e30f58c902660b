using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Ports;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>Stream URLs through the API on a hand-moved clock: they expire at exp, caches never outlive them, and a key rotation keeps old URLs playing until the old key is retired.</summary>
public class StreamSignatureLifetimeTests : TrackApiTestBase
{
    private const string OldKey = "old-key-secret-0123456789abcdef-0123456789";
    private const string NewKey = "new-key-secret-0123456789abcdef-0123456789";
    private readonly ManualClock _clock = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IClock>(_clock);

    protected override IReadOnlyDictionary<string, string?>? Settings => WithKeys(base.Settings!, ("old", OldKey));

    [SetUp]
    public void StartNow() => _clock.Set(DateTimeOffset.UtcNow);

    [Test]
    public async Task A_url_plays_until_its_expiry_and_is_refused_from_then_on()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var url = await UrlAsync(id, owner.AccessToken);

        _clock.Advance(TimeSpan.FromMinutes(59));
        using var late = await Client.GetAsync(url);
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await Client.GetAsync(url);

        Assert.Multiple(() =>
        {
            Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(late.Headers.CacheControl!.MaxAge, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(1)), "no cache outlives the signature");
        });
        await AssertErrorAsync(expired, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task During_a_rotation_both_keys_play_and_once_the_old_key_is_retired_its_urls_stop()
    {
        var owner = await UserAsync("dj_nova");
        var id = await SeedTrackAsync(owner.UserId);
        var oldUrl = await UrlAsync(id, owner.AccessToken);

        await using var rotating = new VezaApiFactory(Database.ConnectionString, WithKeys(base.Settings!, ("old", OldKey), ("new", NewKey)), ConfigureServices);
        using var rotatingClient = rotating.CreateClient();
        // One JWT key and one database: the same access token works on every node.
        var newUrl = await UrlAsync(id, owner.AccessToken, rotatingClient);
        using var oldDuringRotation = await rotatingClient.GetAsync(oldUrl);
        using var newDuringRotation = await rotatingClient.GetAsync(newUrl);

        await using var retired = new VezaApiFactory(Database.ConnectionString, WithKeys(base.Settings!, ("new", NewKey)), ConfigureServices);
        using var retiredClient = retired.CreateClient();
        using var oldAfter = await retiredClient.GetAsync(oldUrl);
        using var newAfter = await retiredClient.GetAsync(newUrl);

        Assert.Multiple(() =>
        {
            Assert.That(oldUrl, Does.Contain("kid=old"));
            Assert.That(newUrl, Does.Contain("kid=new"), "new URLs are signed with the current key");
            Assert.That((oldDuringRotation.StatusCode, newDuringRotation.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That((oldAfter.StatusCode, newAfter.StatusCode), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.OK)));
        });
    }

    private static Dictionary<string, string?> WithKeys(IReadOnlyDictionary<string, string?> settings, params (string Id, string Secret)[] keys)
    {
        var all = new Dictionary<string, string?>(settings);
        for (var i = 0; i < keys.Length; i++)
        {
            all[$"Streaming:Keys:{i}:Id"] = keys[i].Id;
            all[$"Streaming:Keys:{i}:Secret"] = keys[i].Secret;
        }

        all["Streaming:CurrentKeyId"] = keys[^1].Id;
        return all;
    }

    private async Task<string> UrlAsync(Guid id, string accessToken, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tracks/{id}/stream");
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await (client ?? Client).SendAsync(request);
        return (await OkAsync(response))["data"]!["urls"]!["mp3_128"]!.GetValue<string>();
    }
}
