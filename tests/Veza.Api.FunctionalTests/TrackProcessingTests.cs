using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Tracks.EventHandlers;
using Veza.Application.Tracks.Processing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Realtime;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// GET /tracks/{id}/processing over HTTP while the API's own worker processes a track with the real ffmpeg,
/// and the owner's live notification once the outcome committed. Tracks are stored as the upload stores them
/// (original in storage, row and job in one commit), through the ports.
/// </summary>
public class TrackProcessingTests : UserApiTestBase
{
    private static readonly string StorageRoot = Path.Combine(Path.GetTempPath(), "veza-processing-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<RealtimeNotification> _notifications = new();
    private IDisposable? _subscription;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = StorageRoot,
        ["Jobs:PollInterval"] = "00:00:00.100",
    };

    [OneTimeSetUp]
    public void Subscribe() =>
        _subscription = Factory.Services.GetRequiredService<InProcessRealtimeNotifier>().Subscribe((n, _) =>
        {
            _notifications.Enqueue(n);
            return Task.CompletedTask;
        });

    [OneTimeTearDown]
    public void DeleteStorage()
    {
        _subscription?.Dispose();
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }

    [SetUp]
    public void ClearNotifications() => _notifications.Clear();

    [Test]
    public async Task The_owner_follows_the_steps_until_ready_and_is_notified_once_it_is()
    {
        var owner = await RegisterAsync();
        var id = await StoreTrackAsync(owner.UserId, await ToneAsync("wav", 5), AudioFormat.Wav);

        var processing = await WaitForStatusAsync(id, owner.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(processing["status"]!.GetValue<string>(), Is.EqualTo("ready"));
            Assert.That(processing["failure"], Is.Null);
            Assert.That(processing["steps"]!.AsArray().Select(s => $"{s!["step"]}:{s["state"]}"), Is.EqualTo(new[]
            {
                "probe:done", "mp3_128:done", "mp3_320:done", "hls:done", "loudness:done", "waveform:done", "artwork:skipped",
            }));
            Assert.That(processing["steps"]![1]!["started_at"]!.GetValue<DateTimeOffset>(), Is.LessThanOrEqualTo(processing["steps"]![1]!["finished_at"]!.GetValue<DateTimeOffset>()));
            Assert.That(processing["steps"]![6]!["detail"]!.GetValue<string>(), Is.EqualTo("The file has no cover."));
        });
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(_notifications.Count == 2), TimeSpan.FromSeconds(30)), Is.True, "notified after the commit");
        var notification = _notifications.Single(n => n.Type == "track_processed");
        var stored = (await OkAsync(await GetAsync("/api/v1/notifications", owner.AccessToken)))["data"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(notification.UserId, Is.EqualTo(owner.UserId));
            Assert.That(notification.Payload, Is.EqualTo(new TrackProcessedNotification(id, "ready", null)));
            Assert.That(_notifications.Single(n => n.Type != "track_processed").Type, Is.EqualTo("notification"), "the stored one is pushed too");
            Assert.That(stored["kind"]!.GetValue<string>(), Is.EqualTo("track_processed"), "an owner who was away finds it later");
            Assert.That(stored["payload"]!["track_id"]!.GetValue<Guid>(), Is.EqualTo(id));
        });
    }

    [Test]
    public async Task A_file_that_is_not_audio_fails_with_a_reason_a_person_understands_and_the_owner_is_told()
    {
        var owner = await RegisterAsync();
        var fake = Path.Combine(StorageRoot, "fake.mp3");
        Directory.CreateDirectory(StorageRoot);
        await File.WriteAllBytesAsync(fake, [.. "ID3"u8.ToArray(), .. new byte[4000]]);
        var id = await StoreTrackAsync(owner.UserId, fake, AudioFormat.Mp3);

        var processing = await WaitForStatusAsync(id, owner.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(processing["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(processing["failure"]!["code"]!.GetValue<string>(), Is.AnyOf("corrupt", "not_audio", "no_audio_stream"));
            Assert.That(processing["failure"]!["message"]!.GetValue<string>(), Does.EndWith("."));
            Assert.That(processing["steps"]![0]!["state"]!.GetValue<string>(), Is.EqualTo("failed"));
        });
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!_notifications.IsEmpty), TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(((TrackProcessedNotification)_notifications.First(n => n.Type == "track_processed").Payload).Failure!.Code, Is.EqualTo(processing["failure"]!["code"]!.GetValue<string>()));
    }

    [Test]
    public async Task Only_the_owner_and_admins_see_the_processing_others_get_404()
    {
        var owner = await RegisterAsync();
        var other = await RegisterAsync("dj_echo", "echo@example.com");
        var admin = await AdminAsync();
        var id = await StoreTrackAsync(owner.UserId, await ToneAsync("flac", 2), AudioFormat.Flac);

        using var asOwner = await GetAsync($"/api/v1/tracks/{id}/processing", owner.AccessToken);
        using var asAdmin = await GetAsync($"/api/v1/tracks/{id}/processing", admin.AccessToken);
        using var asOther = await GetAsync($"/api/v1/tracks/{id}/processing", other.AccessToken);
        using var unknown = await GetAsync($"/api/v1/tracks/{Guid.NewGuid()}/processing", owner.AccessToken);
        using var anonymous = await GetAsync($"/api/v1/tracks/{id}/processing");

        Assert.That(asOwner.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await BodyAsync(asOwner))["data"]!["track_id"]!.GetValue<Guid>(), Is.EqualTo(id));
        Assert.That(asAdmin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertErrorAsync(asOther, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await WaitForStatusAsync(id, owner.AccessToken);
    }

    private static async Task<string> ToneAsync(string extension, double seconds)
    {
        Directory.CreateDirectory(StorageRoot);
        return await TestAudio.MakeToneAsync(Path.Combine(StorageRoot, $"tone-{Guid.NewGuid():N}.{extension}"), seconds);
    }

    /// <summary>What the upload does: the original in storage, then the row and its job in one commit.</summary>
    private async Task<Guid> StoreTrackAsync(Guid ownerId, string source, AudioFormat format)
    {
        var id = Guid.NewGuid();
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        long bytes;
        await using (var file = File.OpenRead(source))
        {
            bytes = await services.GetRequiredService<IFileStorage>().SaveAsync(TrackFiles.Original(id), file, CancellationToken.None);
        }

        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        services.GetRequiredService<ITrackRepository>().Add(Track.Upload(id, ownerId, new TrackDetails("Night Drive", null, null, [], TrackVisibility.Public),
            new StoredOriginal(TrackFiles.Original(id), format, bytes, Convert.ToHexStringLower(id.ToByteArray()).PadRight(64, '0'), "tone"), DateTimeOffset.UtcNow));
        services.GetRequiredService<IJobScheduler>().Enqueue(new ProcessTrackJob(id));
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return id;
    }

    private async Task<JsonNode> WaitForStatusAsync(Guid id, string accessToken)
    {
        JsonNode data = null!;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await GetAsync($"/api/v1/tracks/{id}/processing", accessToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            data = (await BodyAsync(response))["data"]!;
            return data["status"]!.GetValue<string>() != "processing";
        }, TimeSpan.FromSeconds(90));
        return data;
    }
}
