using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tags;
using Veza.Application.Tags.Commands.DeleteTag;
using Veza.Application.Tracks;
using Veza.Application.Tracks.Commands.EditTrack;
using Veza.Application.Tracks.Commands.LikeTrack;
using Veza.Application.Tracks.Processing.Commands.RecordTrackProcessing;
using Veza.Application.Tracks.Queries.GetTrack;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>
/// GET /tracks/{id} through <see cref="ICache"/>: a miss caches the row without the viewer's like, a hit re-reads only
/// the visibility facts and the viewer's like, visibility is applied per viewer, and every change of the track invalidates it.
/// </summary>
public class TrackCacheUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000001");
    private static readonly Guid Fan = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000002");
    private static readonly Guid Stranger = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000003");

    private ITrackCatalog _catalog = null!;
    private ITrackRepository _tracks = null!;
    private ITrackLikeStore _likes = null!;
    private ITagDirectory _tags = null!;
    private readonly List<Track> _stored = [];

    protected override ApplicationHarness CreateHarness()
    {
        _stored.Clear();
        _catalog = Substitute.For<ITrackCatalog>();
        _tracks = Substitute.For<ITrackRepository>();
        _likes = Substitute.For<ITrackLikeStore>();
        _tags = Substitute.For<ITagDirectory>();
        _tracks.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _stored.FirstOrDefault(t => t.Id == c.Arg<Guid>()));
        _catalog.FindAsync(Arg.Any<Guid>(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>())
            .Returns(c => _stored.FirstOrDefault(t => t.Id == c.Arg<Guid>()) is { } t ? TrackData.From(t, "dj_nova", likedByViewer: c.ArgAt<Guid?>(1) == Fan) : null);
        // The source's current visibility facts (what a cache hit re-reads), with the fan's like.
        _catalog.VisibilityFactsAsync(Arg.Any<Guid>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => _stored.FirstOrDefault(t => t.Id == c.ArgAt<Guid>(0)) is { } t ? new TrackVisibilityFacts(t.OwnerId, t.Visibility, t.HiddenAt, c.ArgAt<Guid>(1) == Fan) : null);
        return new(services => services.AddSingleton(_catalog).AddSingleton(_tracks).AddSingleton(_likes).AddSingleton(_tags));
    }

    [Test]
    public async Task A_miss_reads_the_source_and_caches_the_track_without_the_viewers_like()
    {
        var track = Stored();
        SignIn(Fan);

        var seen = await App.SendAsync(new GetTrackQuery(track.Id));

        Assert.That(seen.LikedByMe, Is.True);
        await App.Cache.Received(1).SetAsync(
            CacheKeys.Track(track.Id), Arg.Is<TrackData>(d => d.Id == track.Id && !d.LikedByViewer), TimeSpan.FromSeconds(30), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_hit_skips_the_track_query_and_each_viewer_gets_their_own_like()
    {
        var track = Stored();
        Cached(track, d => d with { Title = "cached", LikedByViewer = true });

        SignIn(Fan);
        var seenByFan = await App.SendAsync(new GetTrackQuery(track.Id));
        SignIn(Stranger);
        var seenByStranger = await App.SendAsync(new GetTrackQuery(track.Id));

        Assert.Multiple(() =>
        {
            Assert.That((seenByFan.Title, seenByFan.LikedByMe), Is.EqualTo(("cached", true)));
            Assert.That((seenByStranger.Title, seenByStranger.LikedByMe), Is.EqualTo(("cached", false)), "never the flag that happened to be stored");
        });
        await _catalog.DidNotReceiveWithAnyArgs().FindAsync(default, default, default);
        await App.Cache.DidNotReceiveWithAnyArgs().SetAsync<TrackData>(default!, default!, default, default);
    }

    [Test]
    public async Task A_cached_private_or_hidden_track_is_shown_only_to_whoever_may_see_it()
    {
        var secret = Stored(TrackVisibility.Private);
        var hidden = Stored(hidden: "copyright");
        Cached(secret);
        Cached(hidden);

        SignIn(Stranger);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackQuery(secret.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackQuery(hidden.Id)));

        SignIn(Owner);
        var ownersHidden = await App.SendAsync(new GetTrackQuery(hidden.Id));
        SignIn(Stranger, Role.Admin);
        var adminsSecret = await App.SendAsync(new GetTrackQuery(secret.Id));

        Assert.Multiple(() =>
        {
            Assert.That(ownersHidden.HiddenReason, Is.EqualTo("copyright"), "the owner's view, applied to the cached row");
            Assert.That(adminsSecret.Visibility, Is.EqualTo("private"));
        });
        await _catalog.DidNotReceiveWithAnyArgs().FindAsync(default, default, default);
    }

    [Test]
    public async Task A_cached_copy_that_missed_a_change_to_private_or_hidden_is_not_shown_to_strangers()
    {
        var madePrivate = Stored();
        var madeHidden = Stored();
        // What a node that missed the invalidation holds: the rows as they were, public and visible.
        Cached(madePrivate);
        Cached(madeHidden);
        madePrivate.Edit(new TrackEdit(Visibility: TrackVisibility.Private), DateTimeOffset.UtcNow);
        madeHidden.Hide("copyright", DateTimeOffset.UtcNow);

        SignIn(Stranger);

        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackQuery(madePrivate.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackQuery(madeHidden.Id)));
    }

    [Test]
    public async Task A_cached_track_deleted_since_is_not_found()
    {
        var track = Stored();
        Cached(track);
        _stored.Clear();
        SignIn(Fan);

        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackQuery(track.Id)));
    }

    [Test]
    public async Task An_edit_and_finished_processing_invalidate_the_track_through_the_outbox_and_here_after_the_commit()
    {
        var edited = Stored();
        var processed = Stored(ready: false);
        SignIn(Owner);

        await App.SendAsync(new EditTrackCommand(edited.Id, Visibility: "private"));
        await App.SendAsync(RecordTrackProcessingCommand.Failed(processed.Id, TrackFailure.Corrupt));

        await AssertInvalidatedAsync(edited.Id);
        await AssertInvalidatedAsync(processed.Id);
    }

    [Test]
    public async Task A_like_that_counts_invalidates_the_like_count_and_a_repeated_one_does_not()
    {
        var track = Stored();
        SignIn(Fan);
        _likes.AddAsync(Fan, track.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(true, false);

        await App.SendAsync(new LikeTrackCommand(track.Id));
        await App.SendAsync(new LikeTrackCommand(track.Id));

        await AssertInvalidatedAsync(track.Id);
    }

    [Test]
    public async Task Deleting_a_tag_invalidates_every_track_that_carried_it()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        _tags.FindAsync("lofi", Arg.Any<CancellationToken>()).Returns(new TagDto("lofi", 2, 2));
        _catalog.IdsTaggedAsync("lofi", Arg.Any<CancellationToken>()).Returns([first, second]);
        SignIn(Stranger, Role.Moderator);

        await App.SendAsync(new DeleteTagCommand("lofi"));

        var keys = new[] { CacheKeys.Track(first), CacheKeys.Track(second) };
        Assert.That(App.OutboxEvents.OfType<CacheInvalidated>().Single().Keys, Is.EqualTo(keys));
        await App.Cache.Received(1).RemoveAsync(Arg.Is<IReadOnlyCollection<string>>(k => k.SequenceEqual(keys)), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_tag_on_thousands_of_tracks_is_invalidated_in_events_the_broker_takes()
    {
        var tracks = Enumerable.Range(0, 1201).Select(_ => Guid.NewGuid()).ToList();
        _tags.FindAsync("lofi", Arg.Any<CancellationToken>()).Returns(new TagDto("lofi", tracks.Count, tracks.Count));
        _catalog.IdsTaggedAsync("lofi", Arg.Any<CancellationToken>()).Returns(tracks);
        SignIn(Stranger, Role.Moderator);

        await App.SendAsync(new DeleteTagCommand("lofi"));

        var events = App.OutboxEvents.OfType<CacheInvalidated>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Keys.Count), Is.EqualTo(new[] { 500, 500, 201 }));
            Assert.That(events.SelectMany(e => e.Keys), Is.EqualTo(tracks.Select(CacheKeys.Track)), "every key once, in order");
        });
        await App.Cache.Received(1).RemoveAsync(Arg.Is<IReadOnlyCollection<string>>(k => k.Count == tracks.Count), Arg.Any<CancellationToken>());
    }

    private async Task AssertInvalidatedAsync(Guid trackId)
    {
        var key = new[] { CacheKeys.Track(trackId) };
        Assert.That(App.OutboxEvents.OfType<CacheInvalidated>().Count(e => e.Keys.SequenceEqual(key)), Is.EqualTo(1), $"one invalidation of {trackId}");
        await App.Cache.Received(1).RemoveAsync(Arg.Is<IReadOnlyCollection<string>>(k => k.SequenceEqual(key)), Arg.Any<CancellationToken>());
    }

    private void Cached(Track track, Func<TrackData, TrackData>? change = null)
    {
        var data = TrackData.From(track, "dj_nova", likedByViewer: false);
        App.Cache.GetAsync<TrackData>(CacheKeys.Track(track.Id), Arg.Any<CancellationToken>()).Returns(change?.Invoke(data) ?? data);
    }

    private Track Stored(TrackVisibility visibility = TrackVisibility.Public, bool ready = true, string? hidden = null)
    {
        var track = TestTracks.Stored(Owner, visibility, ready, hidden);
        _stored.Add(track);
        // Its later events are dispatched by the unit of work, as a loaded aggregate's are.
        App.Track(track);
        return track;
    }

    private void SignIn(Guid userId, Role role = Role.User) => App.SignIn(userId, role);
}
