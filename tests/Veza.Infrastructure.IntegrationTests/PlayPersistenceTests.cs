using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Media;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>Play progress, the play log and the history read against the real PostgreSQL.</summary>
public class PlayPersistenceTests : MigratedDatabaseFixture
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [SetUp]
    public Task Reset() => Database.ResetAsync();

    [Test]
    public async Task Progress_is_found_by_track_and_listener_pairs_and_a_stale_copy_loses_the_race()
    {
        await using var provider = InfrastructureHost.Create(Database);
        var (_, track) = await ReadyTrackAsync(provider);
        var other = await ReadyTrackAsync(provider, "other_artist");
        await InScopeAsync(provider, async sp =>
        {
            var repository = sp.GetRequiredService<IPlayProgressRepository>();
            repository.Add(PlayProgress.Begin(track, "listener-a", Now));
            repository.Add(PlayProgress.Begin(track, "listener-b", Now));
            repository.Add(PlayProgress.Begin(other.Track, "listener-a", Now));
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();
        var mine = (await first.ServiceProvider.GetRequiredService<IPlayProgressRepository>().FindAsync([(track, "listener-a"), (other.Track, "listener-b")], CancellationToken.None)).Single();
        var theirs = (await second.ServiceProvider.GetRequiredService<IPlayProgressRepository>().FindAsync([(track, "listener-a")], CancellationToken.None)).Single();
        theirs.Accrue(10, 0, TimeSpan.FromMinutes(4), Now.AddSeconds(10));
        await second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        mine.Accrue(25, 0, TimeSpan.FromMinutes(4), Now.AddSeconds(11));

        Assert.Multiple(() =>
        {
            Assert.That((mine.TrackId, mine.Listener), Is.EqualTo((track, "listener-a")), "pairs match as pairs, not as two lists");
            Assert.ThrowsAsync<ConcurrentChangeException>(() => first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
        });
    }

    [Test]
    public async Task Concurrent_plays_of_one_track_each_count_and_each_is_logged()
    {
        await using var provider = InfrastructureHost.Create(Database);
        var (owner, track) = await ReadyTrackAsync(provider);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => InScopeAsync(provider, async sp =>
        {
            await using var transaction = await sp.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
            await sp.GetRequiredService<IPlayLog>().AddAsync(track, i % 2 == 0 ? owner : null, PlaySource.Stream, 1, Now.AddSeconds(i), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        })));

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT play_count FROM tracks WHERE id = @t", ("t", track)), Is.EqualTo(20));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM plays WHERE in_history"), Is.EqualTo(10), "only signed-in listeners have a history");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM plays WHERE user_id IS NULL AND NOT in_history"), Is.EqualTo(10));
        });
    }

    [Test]
    public async Task The_history_lists_visible_plays_newest_first_and_clearing_or_deletion_keeps_the_counts()
    {
        await using var provider = InfrastructureHost.Create(Database);
        var (listener, own) = await ReadyTrackAsync(provider);
        var (artist, theirs) = await ReadyTrackAsync(provider, "artist");
        var madePrivate = await ReadyTrackAsync(provider, "secretive", TrackVisibility.Private);
        await InScopeAsync(provider, async sp =>
        {
            var log = sp.GetRequiredService<IPlayLog>();
            await log.AddAsync(theirs, listener, PlaySource.Stream, 1, Now, CancellationToken.None);
            await log.AddAsync(own, listener, PlaySource.Stream, 1, Now.AddMinutes(1), CancellationToken.None);
            await log.AddAsync(madePrivate.Track, listener, PlaySource.Stream, 1, Now.AddMinutes(2), CancellationToken.None);
            await log.AddAsync(theirs, listener, PlaySource.Stream, 1, Now.AddMinutes(40), CancellationToken.None);
            await log.AddAsync(theirs, artist, PlaySource.Stream, 1, Now.AddMinutes(41), CancellationToken.None);
        });

        PagedResult<PlayedTrackData> history = null!;
        await InScopeAsync(provider, async sp => history = await sp.GetRequiredService<ITrackCatalog>().ListHistoryAsync(listener, new PageRequest(1, 2), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(history.Total, Is.EqualTo(3), "someone else's private track drops out");
            Assert.That(history.Items.Select(p => (p.Track.Id, p.PlayedAt)), Is.EqualTo(new[] { (theirs, Now.AddMinutes(40)), (own, Now.AddMinutes(1)) }));
        });

        await InScopeAsync(provider, sp => sp.GetRequiredService<IPlayLog>().ClearHistoryAsync(listener, CancellationToken.None));
        await InScopeAsync(provider, sp => sp.GetRequiredService<IPlayLog>().ForgetListenerAsync(artist, CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM plays WHERE in_history"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM plays WHERE user_id = @u", ("u", artist)), Is.Zero, "a deleted user is unlinked");
            Assert.That(await Database.ScalarAsync<long>("SELECT sum(play_count)::bigint FROM tracks"), Is.EqualTo(5), "the plays still count");
        });
    }

    [Test]
    public async Task Durations_are_known_for_ready_tracks_only_and_idle_progress_is_purged()
    {
        await using var provider = InfrastructureHost.Create(Database);
        var (owner, ready) = await ReadyTrackAsync(provider);
        var processing = Track.Upload(Guid.CreateVersion7(), owner, new TrackDetails("Raw", null, null, [], TrackVisibility.Public),
            new StoredOriginal("tracks/y/original", AudioFormat.Flac, 1000, new string('p', 64), "raw"), Now);
        await InScopeAsync(provider, async sp =>
        {
            sp.GetRequiredService<ITrackRepository>().Add(processing);
            var progress = sp.GetRequiredService<IPlayProgressRepository>();
            progress.Add(PlayProgress.Begin(ready, "old", Now));
            progress.Add(PlayProgress.Begin(ready, "recent", Now.AddMinutes(20)));
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        await InScopeAsync(provider, async sp =>
        {
            var durations = await sp.GetRequiredService<ITrackRepository>().DurationsAsync([ready, processing.Id, Guid.NewGuid()], CancellationToken.None);
            var purged = await sp.GetRequiredService<IPlayProgressRepository>().PurgeIdleAsync(Now.AddMinutes(10), CancellationToken.None);
            Assert.Multiple(async () =>
            {
                Assert.That(durations, Is.EqualTo(new Dictionary<Guid, TimeSpan> { [ready] = TimeSpan.FromSeconds(187.5) }));
                Assert.That(purged, Is.EqualTo(1));
                Assert.That(await Database.ScalarAsync<string>("SELECT listener FROM play_progress"), Is.EqualTo("recent"));
            });
        });
    }

    private static async Task<(Guid Owner, Guid Track)> ReadyTrackAsync(IServiceProvider provider, string username = "dj_nova", TrackVisibility visibility = TrackVisibility.Public)
    {
        var user = User.Register(username, $"{username}@example.com", "h", Now);
        await MigrationAndPersistenceTests.SaveUserAsync(provider, user);
        var track = Track.Upload(Guid.CreateVersion7(), user.Id, new TrackDetails("Song", null, null, [], visibility),
            new StoredOriginal("tracks/x/original", AudioFormat.Flac, 1000, new string('a', 64), "song"), Now);
        track.CompleteProcessing(new TrackProcessingResult(new AudioMetadata(TimeSpan.FromSeconds(187.5), "flac", 880, 44100, 2), true, false, true, true, -14, -1, null, 10), Now);
        await InScopeAsync(provider, async sp =>
        {
            sp.GetRequiredService<ITrackRepository>().Add(track);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });
        return (user.Id, track.Id);
    }

    private static async Task InScopeAsync(IServiceProvider provider, Func<IServiceProvider, Task> action)
    {
        await using var scope = provider.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }
}
