using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Storage;
using Veza.Application.Reports;
using Veza.Application.Reports.Commands.FileReport;
using Veza.Application.Reports.Commands.ResolveReport;
using Veza.Application.Tracks;
using Veza.Application.Tracks.Commands.DeleteTrack;
using Veza.Application.Tracks.Commands.EditTrack;
using Veza.Application.Tracks.Commands.LikeTrack;
using Veza.Application.Tracks.Commands.UnlikeTrack;
using Veza.Application.Tracks.Queries.GetTrack;
using Veza.Application.Tracks.Queries.GetTrackWaveform;
using Veza.Application.Tracks.Queries.ListTracks;
using Veza.Application.Tracks.Queries.ListUserTracks;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Reports;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>The track catalogue's rules through MediatR over substitute ports: who sees what, who may change what, likes.</summary>
public class TrackCatalogUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000001");
    private static readonly Guid Other = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000002");

    private ITrackCatalog _catalog = null!;
    private ITrackRepository _tracks = null!;
    private ITrackLikeStore _likes = null!;
    private IFileStorage _storage = null!;
    private IJobScheduler _jobs = null!;
    private IUserDirectory _directory = null!;
    private IReportRepository _reportRepository = null!;
    private readonly List<Track> _stored = [];
    private readonly List<IJob> _queued = [];

    protected override ApplicationHarness CreateHarness()
    {
        _stored.Clear();
        _queued.Clear();
        _catalog = Substitute.For<ITrackCatalog>();
        _tracks = Substitute.For<ITrackRepository>();
        _likes = Substitute.For<ITrackLikeStore>();
        _storage = Substitute.For<IFileStorage>();
        _jobs = Substitute.For<IJobScheduler>();
        _directory = Substitute.For<IUserDirectory>();
        _reportRepository = Substitute.For<IReportRepository>();
        _tracks.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _stored.FirstOrDefault(t => t.Id == c.Arg<Guid>()));
        _tracks.When(r => r.Remove(Arg.Any<Track>())).Do(c => _stored.Remove(c.Arg<Track>()));
        _catalog.FindAsync(Arg.Any<Guid>(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>())
            .Returns(c => _stored.FirstOrDefault(t => t.Id == c.Arg<Guid>()) is { } t ? TrackData.From(t, "dj_nova", likedByViewer: false) : null);
        _jobs.When(j => j.Enqueue(Arg.Any<IJob>(), Arg.Any<DateTimeOffset?>())).Do(c => _queued.Add(c.Arg<IJob>()));
        return new(services => services.AddSingleton(_catalog).AddSingleton(_tracks).AddSingleton(_likes).AddSingleton(_storage).AddSingleton(_jobs)
            .AddSingleton(_directory).AddSingleton(_reportRepository).AddSingleton(Substitute.For<ISuperAdminRoster>()).AddSingleton(Substitute.For<ITagCounter>()).AddSingleton(Substitute.For<IImageProcessor>()));
    }

    private Track Stored(TrackVisibility visibility = TrackVisibility.Public, bool ready = true, string? hidden = null, TrackFailure? failure = null)
    {
        var track = TestTracks.Stored(Owner, visibility, ready, hidden, failure);
        _stored.Add(track);
        return track;
    }

    private void SignIn(Guid userId, Role role = Role.User) => App.SignIn(userId, role);

    private void SignOut()
    {
        App.Caller.IsAuthenticated.Returns(false);
        App.Caller.UserId.Returns((Guid?)null);
        App.Caller.Role.Returns((Role?)null);
    }

    [TestCase(TrackVisibility.Public, null, Role.User, true)]
    [TestCase(TrackVisibility.Unlisted, null, Role.User, true)]
    [TestCase(TrackVisibility.Private, null, Role.User, false)]
    [TestCase(TrackVisibility.Private, null, Role.Moderator, false)]
    [TestCase(TrackVisibility.Private, null, Role.Admin, true)]
    [TestCase(TrackVisibility.Public, "Copyright.", Role.User, false)]
    [TestCase(TrackVisibility.Public, "Copyright.", Role.SuperAdmin, true)]
    public async Task Another_user_sees_a_track_by_id_only_as_its_visibility_allows(TrackVisibility visibility, string? hidden, Role role, bool sees)
    {
        var track = Stored(visibility, hidden: hidden);
        SignIn(Other, role);

        if (sees)
        {
            var dto = await App.SendAsync(new GetTrackQuery(track.Id));
            Assert.That(dto.Id, Is.EqualTo(track.Id));
        }
        else
        {
            Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackQuery(track.Id)));
        }
    }

    [Test]
    public async Task The_owner_sees_the_failure_and_hidden_reason_others_do_not()
    {
        var failed = Stored(failure: TrackFailure.TooLong);
        var hidden = Stored(hidden: "Copyright claim.");

        SignIn(Owner);
        var ownersFailed = await App.SendAsync(new GetTrackQuery(failed.Id));
        var ownersHidden = await App.SendAsync(new GetTrackQuery(hidden.Id));
        SignIn(Other);
        var othersFailed = await App.SendAsync(new GetTrackQuery(failed.Id));

        Assert.Multiple(() =>
        {
            Assert.That(ownersFailed.Failure, Is.EqualTo(new TrackFailureDto("too_long", TrackFailure.TooLong.Describe())));
            Assert.That(ownersHidden.HiddenReason, Is.EqualTo("Copyright claim."));
            Assert.That(ownersHidden.Hidden, Is.True);
            Assert.That(othersFailed.Failure, Is.Null);
            Assert.That(othersFailed.Status, Is.EqualTo("failed"));
        });
    }

    [Test]
    public void Anonymous_callers_cannot_read_track_details()
    {
        var track = Stored();
        SignOut();
        Assert.ThrowsAsync<UnauthorizedException>(() => App.SendAsync(new GetTrackQuery(track.Id)));
    }

    [Test]
    public async Task Anonymous_callers_get_the_waveform_of_a_public_track_only_once_processed()
    {
        var ready = Stored();
        var processing = Stored(ready: false);
        var priv = Stored(TrackVisibility.Private);
        _storage.OpenReadAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => new StoredFile(new MemoryStream([1, 2]), 2));
        SignOut();

        await using var file = await App.SendAsync(new GetTrackWaveformQuery(ready.Id));
        Assert.That(file.Public, Is.True);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackWaveformQuery(processing.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTrackWaveformQuery(priv.Id)));
        await _storage.Received(1).OpenReadAsync(TrackFiles.Waveform(ready.Id), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task The_catalogue_lists_only_listed_tracks_and_user_id_me_is_the_owners_view()
    {
        _catalog.ListAsync(Arg.Any<TrackListFilter>(), Arg.Any<PageRequest>(), Arg.Any<CancellationToken>()).Returns(new PagedResult<TrackData>([], 1, 20, 0));
        SignIn(Owner);

        await App.SendAsync(new ListTracksQuery(new PageRequest(), Tag: " LoFi ", Q: "Night", Sort: "popular"));
        await App.SendAsync(new ListTracksQuery(new PageRequest(), UserId: "me"));
        await App.SendAsync(new ListTracksQuery(new PageRequest(), UserId: Other.ToString()));

        Received.InOrder(() =>
        {
            _catalog.ListAsync(new TrackListFilter(Owner, ViewersOwnListed: false, Tag: "lofi", Search: "night", Sort: TrackSort.Popular), Arg.Any<PageRequest>(), Arg.Any<CancellationToken>());
            _catalog.ListAsync(new TrackListFilter(Owner, ViewersOwnListed: true, OwnerId: Owner), Arg.Any<PageRequest>(), Arg.Any<CancellationToken>());
            _catalog.ListAsync(new TrackListFilter(Owner, ViewersOwnListed: false, OwnerId: Other), Arg.Any<PageRequest>(), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public void A_profile_list_of_an_unknown_user_is_404_and_bad_parameters_are_400()
    {
        SignIn(Owner);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new ListUserTracksQuery(Other, new PageRequest())));
        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ListTracksQuery(new PageRequest(), UserId: "nobody", Sort: "loud")));
        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "user_id", "sort" }));
    }

    [Test]
    public async Task Only_the_owner_edits_others_get_403_or_404_when_they_cannot_see_it()
    {
        var track = Stored();
        var priv = Stored(TrackVisibility.Private);

        SignIn(Other);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new EditTrackCommand(track.Id, Title: "Mine")));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new EditTrackCommand(priv.Id, Title: "Mine")));
        SignIn(Other, Role.Admin);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new EditTrackCommand(track.Id, Title: "Admin's")));

        SignIn(Owner);
        var dto = await App.SendAsync(new EditTrackCommand(track.Id, Title: "Day Drive", Tags: ["Dub", "lofi"], Visibility: "unlisted"));

        Assert.Multiple(() =>
        {
            Assert.That(track.Title, Is.EqualTo("Day Drive"));
            Assert.That(track.Visibility, Is.EqualTo(TrackVisibility.Unlisted));
            Assert.That(dto.Tags, Is.EqualTo(new[] { "dub", "lofi" }));
            Assert.That(track.DomainEvents.OfType<TrackTagsChanged>().Single().After, Is.EqualTo(new[] { "dub", "lofi" }));
            Assert.That(App.AuditEvents.Single().Action, Is.EqualTo(AuditActions.TrackEdit));
            Assert.That(App.AuditEvents.Single().Target, Is.EqualTo(AuditTargets.Track(track.Id)));
        });
    }

    [Test]
    public void Bad_edits_are_refused_with_400_before_anything_changes()
    {
        var track = Stored();
        SignIn(Owner);

        var error = Assert.ThrowsAsync<RequestValidationException>(() =>
            App.SendAsync(new EditTrackCommand(track.Id, Title: " ", Visibility: "friends", Tags: [.. Enumerable.Range(0, 11).Select(i => $"t{i}")])));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "title", "visibility", "tags" }));
        Assert.That(track.Title, Is.EqualTo("Night Drive"));
    }

    [Test]
    public async Task The_owner_or_an_admin_deletes_and_every_file_is_queued_for_deletion()
    {
        var mine = Stored();
        var theirs = Stored();

        SignIn(Other);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new DeleteTrackCommand(mine.Id)));
        SignIn(Owner);
        await App.SendAsync(new DeleteTrackCommand(mine.Id));
        SignIn(Other, Role.Admin);
        await App.SendAsync(new DeleteTrackCommand(theirs.Id));

        Assert.Multiple(() =>
        {
            Assert.That(_stored, Is.Empty);
            Assert.That(_queued, Is.EqualTo(new IJob[] { new DeleteStoredFolderJob(TrackFiles.Folder(mine.Id)), new DeleteStoredFolderJob(TrackFiles.Folder(theirs.Id)) }));
            Assert.That(mine.DomainEvents.OfType<TrackDeleted>().Single().Tags, Is.EqualTo(new[] { "lofi", "chill" }), "tag counts drop");
            Assert.That(App.AuditEvents.Select(a => a.Action), Is.EqualTo(new[] { AuditActions.TrackDelete, AuditActions.TrackDelete }));
        });
    }

    [Test]
    public async Task Liking_goes_through_the_store_and_answers_the_state_read_back()
    {
        var track = Stored();
        var priv = Stored(TrackVisibility.Private);
        SignIn(Other);
        _catalog.FindAsync(track.Id, Other, Arg.Any<CancellationToken>())
            .Returns(TrackData.From(track, "dj_nova", likedByViewer: true) with { LikeCount = 1 });

        var first = await App.SendAsync(new LikeTrackCommand(track.Id));
        var again = await App.SendAsync(new LikeTrackCommand(track.Id));

        Assert.That(first, Is.EqualTo(new TrackLikeStateDto(track.Id, true, 1)));
        Assert.That(again, Is.EqualTo(first));
        await _likes.Received(2).AddAsync(Other, track.Id, ApplicationHarness.Now, Arg.Any<CancellationToken>());
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new LikeTrackCommand(priv.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new UnlikeTrackCommand(priv.Id)));
        await _likes.DidNotReceive().AddAsync(Arg.Any<Guid>(), priv.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        await _likes.DidNotReceive().RemoveAsync(Arg.Any<Guid>(), priv.Id, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Resolving_a_track_report_with_hide_content_hides_the_track_with_the_reason()
    {
        var track = Stored();
        var priv = Stored(TrackVisibility.Private);
        var reports = new List<Report>();
        _reportRepository.When(r => r.Add(Arg.Any<Report>())).Do(c => reports.Add(c.Arg<Report>()));
        _reportRepository.GetByIdAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => reports.FirstOrDefault(r => r.Id == c.Arg<Guid>()));

        SignIn(Other);
        var report = await App.SendAsync(new FileReportCommand(TrackReportTarget.TypeName, track.Id, "copyright", "Our release."));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new FileReportCommand(TrackReportTarget.TypeName, priv.Id, "copyright")), "a private track is not revealed");
        SignIn(Guid.NewGuid(), Role.Moderator);
        await App.SendAsync(new ResolveReportCommand(report.Id, "hide_content", "Claim verified."));

        Assert.Multiple(() =>
        {
            Assert.That(track.IsHidden, Is.True);
            Assert.That(track.HiddenReason, Is.EqualTo("Hidden after a report (copyright): Claim verified."));
            Assert.That(track.IsVisibleTo(Other, viewerIsAdmin: false), Is.False);
            Assert.That(track.IsVisibleTo(Owner, viewerIsAdmin: false), Is.True);
            Assert.That(App.AuditEvents.Select(a => a.Action), Does.Contain(AuditActions.TrackHide));
        });
    }
}
