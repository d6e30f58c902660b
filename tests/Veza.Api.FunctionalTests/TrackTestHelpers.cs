using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Messaging;
using Veza.Application.Tracks.Artwork;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>What a seeded track looks like; by default a public, ready track with a waveform and no artwork.</summary>
public sealed record TrackSeed(
    string Title = "Night Drive",
    string Visibility = "public",
    string[]? Tags = null,
    string? Genre = null,
    string? Description = null,
    string Status = "ready",
    bool Artwork = false,
    string? HiddenReason = null,
    int Seconds = 1);

/// <summary>
/// Creates tracks in the states the upload and processing pipeline leaves them, without running it (fast, and
/// any state on demand: failed, hidden, private): Track.Upload and CompleteProcessing (or FailProcessing)
/// through the repository, the domain events published as the unit of work does (so tag counts move for
/// real), and small real files in storage (a one-second WAV original, a waveform, the MP3 variant, artwork
/// through <see cref="TrackArtworkWriter"/>). The real path, upload to processing to catalogue to deletion,
/// is <see cref="TrackLifecycleTests"/>.
/// </summary>
public abstract class TrackApiTestBase : UserApiTestBase
{
    protected static readonly string StorageRoot = Path.Combine(Path.GetTempPath(), "veza-track-tests-" + Guid.NewGuid().ToString("N"));

    private static byte[] _original = null!;
    private static byte[] _png = null!;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = StorageRoot,
        ["Jobs:PollInterval"] = "00:00:00.100",
        // Tests see a deletion or reprocessing at once; ByteRouteCacheTests covers the cache's bound.
        ["Streaming:TrackCacheLifetime"] = "00:00:00",
    };

    [OneTimeSetUp]
    public async Task MakeMedia()
    {
        Directory.CreateDirectory(StorageRoot);
        var wav = await TestAudio.MakeToneAsync(Path.Combine(StorageRoot, "seed.wav"), 1);
        _original = await File.ReadAllBytesAsync(wav);
        _png = await TestImages.MakeAsync("png", 96, 64);
    }

    [OneTimeTearDown]
    public void DeleteStorage()
    {
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }

    protected static byte[] Png => _png;

    /// <summary>The path under the storage root of a track's folder.</summary>
    protected static string TrackFolder(Guid trackId) => Path.Combine(StorageRoot, TrackFiles.Folder(trackId));

    protected async Task<Guid> SeedTrackAsync(Guid ownerId, TrackSeed? seed = null)
    {
        seed ??= new TrackSeed();
        var id = Guid.CreateVersion7();
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var storage = services.GetRequiredService<IFileStorage>();
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        var now = services.GetRequiredService<IClock>().UtcNow;

        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        // Each seeded original is different bytes (the id appended after the WAV data), as the same owner uploading the same file twice is refused.
        var audio = seed.Seconds == 1 ? _original : await File.ReadAllBytesAsync(await TestAudio.MakeToneAsync(Path.Combine(StorageRoot, $"seed-{id:N}.wav"), seed.Seconds));
        byte[] content = [.. audio, .. id.ToByteArray()];
        using var original = new MemoryStream(content);
        var bytes = await storage.SaveAsync(TrackFiles.Original(id), original, CancellationToken.None);
        Assert.That(TrackNames.TryParseVisibility(seed.Visibility, out var visibility), Is.True, seed.Visibility);
        var details = new TrackDetails(seed.Title, seed.Description, seed.Genre, TrackRules.NormalizeTags(seed.Tags ?? []), visibility);
        var track = Track.Upload(id, ownerId, details,
            new StoredOriginal(TrackFiles.Original(id), AudioFormat.Wav, bytes, Convert.ToHexStringLower(SHA256.HashData(content)), "seed"), now);

        if (seed.Status == "ready")
        {
            long derived = 0;
            using (var waveform = new MemoryStream("""{"peaks":[[-0.1,0.1],[-0.2,0.2]],"duration":1.0}"""u8.ToArray()))
            {
                derived += await storage.SaveAsync(TrackFiles.Waveform(id), waveform, CancellationToken.None);
            }

            using (var mp3 = new MemoryStream(audio))
            {
                derived += await storage.SaveAsync(TrackFiles.Mp3(id, 128), mp3, CancellationToken.None);
            }

            Guid? artwork = null;
            if (seed.Artwork)
            {
                using var picture = new MemoryStream(_png);
                var stored = await services.GetRequiredService<TrackArtworkWriter>().StoreAsync(id, picture, _png.Length, "artwork", CancellationToken.None);
                artwork = stored.Version;
                derived += stored.Bytes;
            }

            track.CompleteProcessing(
                new TrackProcessingResult(new AudioMetadata(TimeSpan.FromSeconds(seed.Seconds), "pcm_s16le", 1411, 44100, 2), Mp3128: true, Mp3320: false, Hls: false,
                    Waveform: true, LoudnessLufs: -20.0, TruePeakDb: -19.9, artwork, derived),
                now);
        }
        else if (seed.Status == "failed")
        {
            track.FailProcessing(TrackFailure.Corrupt, 0, now);
        }

        if (seed.HiddenReason is { } reason)
        {
            track.Hide(reason, now);
        }

        services.GetRequiredService<ITrackRepository>().Add(track);
        var mediator = services.GetRequiredService<IMediator>();
        foreach (var domainEvent in unitOfWork.TakeDomainEvents())
        {
            var notification = (INotification)Activator.CreateInstance(typeof(DomainEventNotification<>).MakeGenericType(domainEvent.GetType()), domainEvent)!;
            await mediator.Publish(notification);
        }

        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return id;
    }

    protected async Task<int?> TagCountAsync(string tag) => await Database.ScalarAsync<int?>("SELECT usage_count FROM tags WHERE name = @n", ("n", tag));

    protected static Guid[] Ids(JsonNode body) => body["data"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()).ToArray();
}
