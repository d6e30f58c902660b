using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The tracks table and repository against the real PostgreSQL: round trip, duplicates, quota usage, tag counts.</summary>
public class TrackPersistenceTests : MigratedDatabaseFixture
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [SetUp]
    public Task Reset() => Database.ResetAsync();

    [Test]
    public async Task A_processed_track_round_trips_with_its_tags_metadata_and_failure_state()
    {
        await using var provider = InfrastructureHost.Create(Database);
        var owner = await OwnerAsync(provider);
        var track = Upload(owner, "a", ["lofi", "chill"]);
        track.CompleteProcessing(new TrackProcessingResult(
            new AudioMetadata(TimeSpan.FromSeconds(187.5), "flac", 880, 44100, 2, "Night Drive", "Cassette Dreams", "Synthwave", "The Tape Loops"),
            true, false, true, true, -14.2, -1.1, null, 4096), Now);
        await SaveAsync(provider, repo => repo.Add(track));

        await using var scope = provider.CreateAsyncScope();
        var loaded = (await scope.ServiceProvider.GetRequiredService<ITrackRepository>().GetAsync(track.Id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Tags, Is.EqualTo(new[] { "lofi", "chill" }));
            Assert.That(loaded.Status, Is.EqualTo(TrackStatus.Ready));
            Assert.That(loaded.Duration, Is.EqualTo(TimeSpan.FromSeconds(187.5)));
            Assert.That(loaded.OriginalFormat, Is.EqualTo(AudioFormat.Flac));
            Assert.That(loaded.TrackGainDb, Is.EqualTo(-3.8));
            Assert.That((loaded.HasMp3128, loaded.HasMp3320, loaded.HasHls), Is.EqualTo((true, false, true)));
            Assert.That(loaded.StoredBytes, Is.EqualTo(1000 + 4096));
            Assert.That(loaded.CreditedArtist, Is.EqualTo("The Tape Loops"));
        });
    }

    [Test]
    public async Task The_same_owner_storing_the_same_bytes_twice_is_a_conflict_and_usage_sums_their_tracks()
    {
        await using var provider = InfrastructureHost.Create(Database);
        var owner = await OwnerAsync(provider);
        var first = Upload(owner, "a", []);
        await SaveAsync(provider, repo => repo.Add(first));
        await SaveAsync(provider, repo => repo.Add(Upload(owner, "b", [])));

        var duplicate = Assert.ThrowsAsync<ConflictException>(() => SaveAsync(provider, repo => repo.Add(Upload(owner, "a", []))));

        await using var scope = provider.CreateAsyncScope();
        var tracks = scope.ServiceProvider.GetRequiredService<ITrackRepository>();
        Assert.Multiple(async () =>
        {
            Assert.That(duplicate!.Field, Is.EqualTo("file"));
            Assert.That(await tracks.FindIdByContentAsync(owner, new string('a', 64), CancellationToken.None), Is.EqualTo(first.Id));
            Assert.That(await tracks.StoredBytesOfAsync(owner, CancellationToken.None), Is.EqualTo(2000));
            Assert.That(await tracks.StoredBytesOfAsync(Guid.NewGuid(), CancellationToken.None), Is.Zero);
        });
    }

    [Test]
    public async Task Inside_a_transaction_a_duplicate_caught_by_the_index_leaves_it_readable_so_the_winner_can_be_named()
    {
        // What the upload use case relies on when two uploads of the same bytes race (decision 0020).
        await using var provider = InfrastructureHost.Create(Database);
        var owner = await OwnerAsync(provider);
        var winner = Upload(owner, "a", []);
        await SaveAsync(provider, repo => repo.Add(winner));

        await using var scope = provider.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var tracks = scope.ServiceProvider.GetRequiredService<ITrackRepository>();
        await using (await unitOfWork.BeginTransactionAsync(CancellationToken.None))
        {
            tracks.Add(Upload(owner, "a", []));

            Assert.ThrowsAsync<ConflictException>(() => unitOfWork.SaveChangesAsync(CancellationToken.None));
            Assert.That(await tracks.FindIdByContentAsync(owner, new string('a', 64), CancellationToken.None), Is.EqualTo(winner.Id));
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tracks"), Is.EqualTo(1));
    }

    [Test]
    public async Task Tag_counts_go_up_and_down_and_never_below_zero()
    {
        await using var provider = InfrastructureHost.Create(Database);
        await using (var scope = provider.CreateAsyncScope())
        {
            var counter = scope.ServiceProvider.GetRequiredService<ITagCounter>();
            await counter.AdjustAsync(["lofi", "chill"], [], Now, CancellationToken.None);
            await counter.AdjustAsync(["lofi"], [], Now, CancellationToken.None);
            await counter.AdjustAsync([], ["chill", "never-used"], Now, CancellationToken.None);
            await counter.AdjustAsync([], ["chill"], Now, CancellationToken.None);
        }

        Assert.That(await Database.ScalarAsync<int>("SELECT usage_count FROM tags WHERE name = 'lofi'"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<int>("SELECT usage_count FROM tags WHERE name = 'chill'"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM tags WHERE name = 'never-used'"), Is.Zero);
    }

    private static Track Upload(Guid owner, string hashChar, IReadOnlyList<string> tags) =>
        Track.Upload(Guid.CreateVersion7(), owner, new TrackDetails("Song", null, null, tags, TrackVisibility.Public),
            new StoredOriginal("tracks/x/original", AudioFormat.Flac, 1000, new string(hashChar[0], 64), "song"), Now);

    private static async Task<Guid> OwnerAsync(IServiceProvider provider)
    {
        var user = User.Register("dj_nova", "nova@example.com", "h", Now);
        await MigrationAndPersistenceTests.SaveUserAsync(provider, user);
        return user.Id;
    }

    private static async Task SaveAsync(IServiceProvider provider, Action<ITrackRepository> change)
    {
        await using var scope = provider.CreateAsyncScope();
        change(scope.ServiceProvider.GetRequiredService<ITrackRepository>());
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }
}
