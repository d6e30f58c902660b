using Veza.Application.Users;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Playlists;
using Veza.Application.Playlists.Commands.AddPlaylistTrack;
using Veza.Application.Playlists.Commands.CreatePlaylist;
using Veza.Application.Playlists.Commands.DeletePlaylist;
using Veza.Application.Playlists.Commands.RemovePlaylistTrack;
using Veza.Application.Playlists.Commands.ReorderPlaylistTracks;
using Veza.Application.Playlists.Commands.UpdatePlaylist;
using Veza.Application.Playlists.EventHandlers;
using Veza.Application.Playlists.Queries.GetPlaylist;
using Veza.Application.Playlists.Queries.ListUserPlaylists;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Playlists;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Playlists through MediatR over substitute ports: who may do what, and how outcomes become answers.</summary>
public class PlaylistUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a1");
    private static readonly Guid Other = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a2");

    private IPlaylistRepository _playlists = null!;
    private ITrackRepository _tracks = null!;
    private IPlaylistReadModel _readModel = null!;
    private IUserDirectory _directory = null!;
    private Dictionary<Guid, Playlist> _stored = null!;
    private Dictionary<Guid, Track> _storedTracks = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _stored = [];
        _storedTracks = [];
        _playlists = Substitute.For<IPlaylistRepository>();
        _playlists.When(r => r.Add(Arg.Any<Playlist>())).Do(c => _stored[c.Arg<Playlist>().Id] = c.Arg<Playlist>());
        _playlists.When(r => r.Remove(Arg.Any<Playlist>())).Do(c => _stored.Remove(c.Arg<Playlist>().Id));
        _playlists.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _stored.GetValueOrDefault(c.Arg<Guid>()));
        _playlists.ListContainingAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => _stored.Values.Where(p => p.Entries.Any(e => e.TrackId == c.Arg<Guid>())).ToList());
        _tracks = Substitute.For<ITrackRepository>();
        _tracks.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _storedTracks.GetValueOrDefault(c.Arg<Guid>()));
        _readModel = Substitute.For<IPlaylistReadModel>();
        _directory = Substitute.For<IUserDirectory>();
        return new(services => services.AddSingleton(_playlists).AddSingleton(_tracks).AddSingleton(_readModel).AddSingleton(_directory));
    }

    [Test]
    public async Task Creating_stores_an_empty_public_playlist_owned_by_the_caller()
    {
        SignIn(Owner);

        var created = await App.SendAsync(new CreatePlaylistCommand("  Late night drive ", "Slow.\nSynthwave."));

        var stored = _stored[created.Id];
        Assert.Multiple(() =>
        {
            Assert.That((stored.OwnerId, stored.Title, stored.Visibility, stored.TrackCount), Is.EqualTo((Owner, "Late night drive", TrackVisibility.Public, 0)));
            Assert.That(created.Owner, Is.EqualTo(new UserRefDto(Owner, "owner")));
            Assert.That(created.CreatedAt, Is.EqualTo(ApplicationHarness.Now));
        });
    }

    [Test]
    public void Creating_needs_a_signed_in_caller_a_title_and_a_known_visibility()
    {
        Assert.ThrowsAsync<UnauthorizedException>(() => App.SendAsync(new CreatePlaylistCommand("Mix")));
        SignIn(Owner);

        var errors = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new CreatePlaylistCommand(" ", new string('d', 5001), "secret")))!.Errors;

        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "title", "description", "visibility" }));
        Assert.That(_stored, Is.Empty);
    }

    [Test]
    public async Task Only_the_owner_edits_and_others_learn_nothing_of_a_private_playlist()
    {
        var shown = Stored(TrackVisibility.Public);
        var secret = Stored(TrackVisibility.Private);

        SignIn(Other);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdatePlaylistCommand(shown.Id, Title: "Mine now")));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new UpdatePlaylistCommand(secret.Id, Title: "Mine now")));
        SignIn(Other, Role.Admin);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdatePlaylistCommand(secret.Id, Title: "Mine now")), "admins delete, they do not edit");

        SignIn(Owner);
        var updated = await App.SendAsync(new UpdatePlaylistCommand(shown.Id, Description: "", Visibility: "unlisted"));

        Assert.Multiple(() =>
        {
            Assert.That((updated.Title, updated.Description, updated.Visibility), Is.EqualTo(("Mix", (string?)null, TrackVisibility.Unlisted)));
            Assert.That(secret.Title, Is.EqualTo("Mix"));
        });
    }

    [Test]
    public async Task An_admin_deleting_someone_elses_playlist_is_audited_and_an_owner_deleting_theirs_is_not()
    {
        var first = Stored(TrackVisibility.Private);
        var second = Stored(TrackVisibility.Public);

        SignIn(Other);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new DeletePlaylistCommand(first.Id)));
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new DeletePlaylistCommand(second.Id)));
        SignIn(Other, Role.Admin);
        await App.SendAsync(new DeletePlaylistCommand(first.Id));
        SignIn(Owner);
        await App.SendAsync(new DeletePlaylistCommand(second.Id));

        Assert.Multiple(() =>
        {
            Assert.That(_stored, Is.Empty);
            Assert.That(App.AuditEvents, Is.EqualTo(new[]
            {
                new RecordedAudit(AuditActions.PlaylistDelete, AuditOutcomes.Success, Other, $"owner {Owner}", AuditTargets.Playlist(first.Id)),
            }));
        });
    }

    [Test]
    public async Task Tracks_go_in_at_the_position_asked_and_the_answer_is_the_new_order()
    {
        var playlist = Stored(TrackVisibility.Public);
        var a = StoredTrack(Owner, TrackVisibility.Private);
        var b = StoredTrack(Other, TrackVisibility.Public, ready: false);
        var c = StoredTrack(Other, TrackVisibility.Unlisted);
        SignIn(Owner);

        await App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, a.Id));
        await App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, b.Id));
        var order = await App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, c.Id, 1));

        Assert.Multiple(() =>
        {
            Assert.That(order, Is.EqualTo(new PlaylistTrackListDto(playlist.Id, 3, order.TrackIds)));
            Assert.That(order.TrackIds, Is.EqualTo(new[] { a.Id, c.Id, b.Id }), "one's own private track, someone's unlisted one and one still processing may all be added");
            Assert.That(playlist.Entries.Select(e => e.Position), Is.EqualTo(new[] { 0, 1, 2 }));
        });
    }

    [Test]
    public void A_track_the_caller_cannot_open_is_not_found_even_for_an_admin()
    {
        var playlist = Stored(TrackVisibility.Public, owner: Other);
        var someonesPrivate = StoredTrack(Owner, TrackVisibility.Private);
        var someonesHidden = StoredTrack(Owner, TrackVisibility.Public, hidden: true);
        SignIn(Other, Role.Admin);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, someonesPrivate.Id)));
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, someonesHidden.Id)));
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, Guid.NewGuid())));
        });
        Assert.That(playlist.TrackCount, Is.Zero);
    }

    [Test]
    public async Task A_duplicate_is_a_conflict_a_full_playlist_is_invalid_state_and_a_position_past_the_end_is_a_validation_error()
    {
        var playlist = Stored(TrackVisibility.Public);
        var track = StoredTrack(Owner, TrackVisibility.Public);
        SignIn(Owner);
        await App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, track.Id));

        var duplicate = Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, track.Id)));
        var pastTheEnd = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, StoredTrack(Owner, TrackVisibility.Public).Id, 2)));
        var negative = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, track.Id, -1)));
        for (var i = 1; i < PlaylistRules.MaxTracks; i++)
        {
            playlist.AddTrack(Guid.NewGuid(), null, ApplicationHarness.Now);
        }

        var full = Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, StoredTrack(Owner, TrackVisibility.Public).Id)));

        Assert.Multiple(() =>
        {
            Assert.That(duplicate!.Field, Is.EqualTo("track_id"));
            Assert.That(pastTheEnd!.Errors.Single().Field, Is.EqualTo("position"));
            Assert.That(negative!.Errors.Single().Field, Is.EqualTo("position"));
            Assert.That(full!.Message, Does.Contain("1000"));
            Assert.That(playlist.TrackCount, Is.EqualTo(PlaylistRules.MaxTracks));
        });
    }

    [Test]
    public async Task Reordering_needs_exactly_the_playlists_tracks_and_removing_one_not_there_is_not_found()
    {
        var playlist = Stored(TrackVisibility.Public);
        var a = StoredTrack(Owner, TrackVisibility.Public);
        var b = StoredTrack(Owner, TrackVisibility.Public);
        SignIn(Owner);
        await App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, a.Id));
        await App.SendAsync(new AddPlaylistTrackCommand(playlist.Id, b.Id));

        var wrongSet = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ReorderPlaylistTracksCommand(playlist.Id, [b.Id, b.Id])));
        var missing = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ReorderPlaylistTracksCommand(playlist.Id, null!)));
        var reordered = await App.SendAsync(new ReorderPlaylistTracksCommand(playlist.Id, [b.Id, a.Id]));
        var removed = await App.SendAsync(new RemovePlaylistTrackCommand(playlist.Id, b.Id));

        Assert.Multiple(() =>
        {
            Assert.That(wrongSet!.Errors.Single().Field, Is.EqualTo("track_ids"));
            Assert.That(missing!.Errors.Single().Field, Is.EqualTo("track_ids"));
            Assert.That(reordered.TrackIds, Is.EqualTo(new[] { b.Id, a.Id }));
            Assert.That(removed.TrackIds, Is.EqualTo(new[] { a.Id }));
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new RemovePlaylistTrackCommand(playlist.Id, b.Id)));
        });
    }

    [Test]
    public async Task A_deleted_track_leaves_every_playlist_holding_it_and_the_positions_close_up()
    {
        var first = Stored(TrackVisibility.Public);
        var second = Stored(TrackVisibility.Private, owner: Other);
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        first.AddTrack(doomed, null, ApplicationHarness.Now);
        first.AddTrack(kept, null, ApplicationHarness.Now);
        second.AddTrack(kept, null, ApplicationHarness.Now);
        second.AddTrack(doomed, 0, ApplicationHarness.Now);

        await new RemoveDeletedTrackFromPlaylists(_playlists, App.Clock).Handle(
            new DomainEventNotification<TrackDeleted>(new TrackDeleted(doomed, Owner, [], ApplicationHarness.Now)), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Entries.Select(e => (e.TrackId, e.Position)), Is.EqualTo(new[] { (kept, 0) }));
            Assert.That(second.Entries.Select(e => (e.TrackId, e.Position)), Is.EqualTo(new[] { (kept, 0) }));
            Assert.That((first.TrackCount, second.TrackCount), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public async Task Reading_passes_the_viewer_to_the_read_model_and_an_unseen_playlist_is_not_found()
    {
        var id = Guid.NewGuid();
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetPlaylistQuery(id)));
        await _readModel.Received(1).FindAsync(id, null, false, Arg.Any<CancellationToken>());

        SignIn(Other, Role.SuperAdmin);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetPlaylistQuery(id)));
        await _readModel.Received(1).FindAsync(id, Other, true, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Listing_a_users_playlists_needs_the_user_to_exist_and_a_valid_page()
    {
        var page = new PagedResult<PlaylistDto>([], 1, 20, 0);
        _readModel.ListByOwnerAsync(Owner, Other, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>()).Returns(page);
        _directory.FindProfileAsync(Owner, Other, Arg.Any<CancellationToken>()).Returns(Profile(Owner, ProfileVisibility.Public));
        SignIn(Other);

        Assert.That(await App.SendAsync(new ListUserPlaylistsQuery(Owner, new PageRequest())), Is.SameAs(page));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new ListUserPlaylistsQuery(Guid.NewGuid(), new PageRequest())));
        var invalid = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ListUserPlaylistsQuery(Owner, new PageRequest(1, 101))));
        Assert.That(invalid!.Errors.Single().Field, Is.EqualTo("limit"));
    }

    [Test]
    public void A_private_profile_keeps_its_playlists_to_itself()
    {
        _directory.FindProfileAsync(Owner, Other, Arg.Any<CancellationToken>()).Returns(Profile(Owner, ProfileVisibility.Private));
        SignIn(Other);

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new ListUserPlaylistsQuery(Owner, new PageRequest())));
    }

    private static UserProfileData Profile(Guid id, ProfileVisibility visibility) =>
        new(id, "owner", "owner@example.com", null, null, null, null, null, [], null, ApplicationHarness.Now, AccountStatus.Active, visibility, 0, 0, false, false, false);

    private void SignIn(Guid userId, Role role = Role.User)
    {
        App.Caller.IsAuthenticated.Returns(true);
        App.Caller.UserId.Returns(userId);
        App.Caller.Username.Returns(userId == Owner ? "owner" : "other");
        App.Caller.Role.Returns(role);
    }

    private Playlist Stored(TrackVisibility visibility, Guid? owner = null)
    {
        var playlist = Playlist.Create(Guid.NewGuid(), owner ?? Owner, "Mix", "A description", visibility, ApplicationHarness.Now);
        _stored[playlist.Id] = playlist;
        return playlist;
    }

    private Track StoredTrack(Guid owner, TrackVisibility visibility, bool ready = true, bool hidden = false)
    {
        var track = Track.Upload(Guid.NewGuid(), owner, new TrackDetails("Song", null, null, [], visibility),
            new StoredOriginal("tracks/x/original", AudioFormat.Mp3, 1000, new string('b', 64), "song"), ApplicationHarness.Now);
        if (ready)
        {
            track.CompleteProcessing(new TrackProcessingResult(new AudioMetadata(TimeSpan.FromSeconds(3), "mp3", 128, 44100, 2), true, false, true, true, -14, -1, null, 0),
                ApplicationHarness.Now);
        }

        if (hidden)
        {
            track.Hide("copyright", ApplicationHarness.Now);
        }

        _storedTracks[track.Id] = track;
        return track;
    }
}
