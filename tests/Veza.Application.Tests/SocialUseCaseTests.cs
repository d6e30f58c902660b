using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Social;
using Veza.Application.Social.Commands.BlockUser;
using Veza.Application.Social.Commands.FollowUser;
using Veza.Application.Social.Queries.ListFollowers;
using Veza.Application.Users;
using Veza.Application.Users.Commands.DeleteAccount;
using Veza.Application.Users.Commands.UpdatePreferences;
using Veza.Application.Users.Commands.UpdateProfile;
using Veza.Application.Users.Queries.GetUserProfile;
using Veza.Application.Users.Queries.ListUsers;
using Veza.Application.Users.Queries.SearchUsers;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Sessions;
using Veza.Domain.Social;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Profiles, preferences, follows, blocks and deletion through MediatR, over substitute ports.</summary>
public class SocialUseCaseTests : UseCaseTestBase
{
    // Fresh per test: NUnit keeps one fixture instance for all its tests.
    private IUserDirectory _directory = null!;
    private IFollowRepository _follows = null!;
    private IBlockRepository _blocks = null!;
    private IUserPreferencesRepository _preferences = null!;

    private ISuperAdminRoster _superAdmins = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _directory = Substitute.For<IUserDirectory>();
        _follows = Substitute.For<IFollowRepository>();
        _blocks = Substitute.For<IBlockRepository>();
        _preferences = Substitute.For<IUserPreferencesRepository>();
        _superAdmins = Substitute.For<ISuperAdminRoster>();
        return new(services => services.AddSingleton(_directory).AddSingleton(_follows).AddSingleton(_blocks).AddSingleton(_preferences).AddSingleton(_superAdmins));
    }

    [Test]
    public async Task The_last_active_super_admin_cannot_delete_their_own_account()
    {
        var user = await SignedInUserAsync();
        user.ChangeRole(Role.SuperAdmin, ApplicationHarness.Now);
        _superAdmins.LockActiveSuperAdminsAsync(Arg.Any<CancellationToken>()).Returns([user.Id]);

        var error = Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new DeleteAccountCommand("violet-tape-deck-42")));

        Assert.That(error!.Message, Does.Contain("last active super admin"));
        Assert.That(user.Status, Is.EqualTo(AccountStatus.Active));
    }

    private async Task<User> SignedInUserAsync(string username = "dj_nova")
    {
        await App.SendAsync(new RegisterCommand(username, $"{username}@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single(u => u.Username == username);
        App.SignInAs(user, App.StoredSessions.Last(s => s.UserId == user.Id).Id);
        return user;
    }

    private static UserProfileData Data(User user, ProfileVisibility visibility = ProfileVisibility.Public, bool blocksViewer = false) =>
        new(user.Id, user.Username, user.Email, user.DisplayName, user.FirstName, user.LastName, user.Bio, user.Location, user.Links, null, user.CreatedAt, user.Status,
            visibility, 3, 4, false, false, blocksViewer);

    [Test]
    public async Task Following_checks_the_user_exists_and_no_block_stands_then_stores_the_follow()
    {
        var me = await SignedInUserAsync();
        var other = Guid.NewGuid();
        _directory.ExistsAsync(other, Arg.Any<CancellationToken>()).Returns(true);

        var state = await App.SendAsync(new FollowUserCommand(other));

        Assert.That(state, Is.EqualTo(new FollowStateDto(other, true)));
        await _follows.Received(1).AddIfMissingAsync(Arg.Is<Follow>(f => f.FollowerId == me.Id && f.FolloweeId == other), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Following_across_a_block_is_forbidden_and_an_unknown_user_not_found()
    {
        await SignedInUserAsync();
        var blocker = Guid.NewGuid();
        _directory.ExistsAsync(blocker, Arg.Any<CancellationToken>()).Returns(true);
        _blocks.IsBlockedAsync(Arg.Any<Guid>(), blocker, Arg.Any<CancellationToken>()).Returns(true);

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new FollowUserCommand(blocker)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new FollowUserCommand(Guid.NewGuid())));
        await _follows.DidNotReceiveWithAnyArgs().AddIfMissingAsync(default!, default);
    }

    [Test]
    public async Task Following_yourself_is_a_broken_rule()
    {
        var me = await SignedInUserAsync();
        _directory.ExistsAsync(me.Id, Arg.Any<CancellationToken>()).Returns(true);

        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new FollowUserCommand(me.Id)));
    }

    [Test]
    public async Task Blocking_stores_the_block_and_removes_follows_both_ways()
    {
        var me = await SignedInUserAsync();
        var other = Guid.NewGuid();
        _directory.ExistsAsync(other, Arg.Any<CancellationToken>()).Returns(true);

        await App.SendAsync(new BlockUserCommand(other));

        await _blocks.Received(1).AddIfMissingAsync(Arg.Is<Block>(b => b.BlockerId == me.Id && b.BlockedId == other), Arg.Any<CancellationToken>());
        await _follows.Received(1).RemoveBetweenAsync(me.Id, other, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Update_profile_applies_given_fields_audits_their_names_and_returns_the_own_view()
    {
        var me = await SignedInUserAsync();
        _directory.FindProfileAsync(me.Id, me.Id, Arg.Any<CancellationToken>()).Returns(Data(me));

        var profile = await App.SendAsync(new UpdateProfileCommand(Bio: "Deep house", Links: ["https://example.com/nova"]));

        Assert.Multiple(() =>
        {
            Assert.That(me.Bio, Is.EqualTo("Deep house"));
            Assert.That(profile.Bio, Is.EqualTo("Deep house"));
            Assert.That(profile.Links, Is.EqualTo(new[] { "https://example.com/nova" }));
            Assert.That(profile.Email, Is.EqualTo("dj_nova@example.com"));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.ProfileUpdate, AuditOutcomes.Success, me.Id, "fields: bio, links", AuditTargets.User(me.Id))));
        });
    }

    [Test]
    public async Task Update_profile_validates_with_the_profile_rules_before_touching_the_user()
    {
        var me = await SignedInUserAsync();

        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new UpdateProfileCommand(
            DisplayName: new string('d', ProfileRules.DisplayNameMaxLength + 1),
            Links: ["https://a.example", "mailto:nova@example.com"])));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "display_name", "links[1]" }));
        Assert.That(me.DisplayName, Is.Null);
    }

    [Test]
    public async Task A_private_profile_is_restricted_for_others_but_not_for_admins()
    {
        var owner = await SignedInUserAsync("owner");
        owner.UpdateProfile(new ProfileChanges(Bio: "secret"), ApplicationHarness.Now);
        var viewer = await SignedInUserAsync("viewer");
        _directory.FindProfileAsync(owner.Id, viewer.Id, Arg.Any<CancellationToken>()).Returns(Data(owner, ProfileVisibility.Private));

        var seen = await App.SendAsync(new GetUserProfileQuery(owner.Id));
        App.Caller.Role.Returns(Role.Admin);
        var seenByAdmin = await App.SendAsync(new GetUserProfileQuery(owner.Id));

        Assert.Multiple(() =>
        {
            Assert.That(seen.Restricted, Is.True);
            Assert.That(seen.Bio, Is.Null);
            Assert.That(seen.Email, Is.Null);
            Assert.That(seen.Username, Is.EqualTo("owner"));
            Assert.That(seenByAdmin.Restricted, Is.False);
            Assert.That(seenByAdmin.Bio, Is.EqualTo("secret"));
            Assert.That(seenByAdmin.Email, Is.EqualTo("owner@example.com"));
        });
    }

    [Test]
    public async Task Only_admins_search_the_directory_by_email_and_search_terms_are_lower_cased()
    {
        await SignedInUserAsync();
        await App.SendAsync(new ListUsersQuery(" Nova ", new PageRequest()));
        await App.SendAsync(new SearchUsersQuery("NoVa", 5));
        App.Caller.Role.Returns(Role.SuperAdmin);
        await App.SendAsync(new ListUsersQuery("nova", new PageRequest()));

        await _directory.Received(1).ListAsync("nova", false, null, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>());
        await _directory.Received(1).ListAsync("nova", true, null, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>());
        await _directory.Received(1).SearchAsync("nova", 5, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Paged_queries_share_the_page_rule()
    {
        await SignedInUserAsync();

        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ListFollowersQuery(Guid.NewGuid(), new PageRequest(0, 101))));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "page", "limit" }));
    }

    [Test]
    public async Task Preferences_merge_over_the_stored_set_or_the_defaults()
    {
        var me = await SignedInUserAsync();
        UserPreferences? added = null;
        _preferences.When(p => p.Add(Arg.Any<UserPreferences>())).Do(c => added = c.Arg<UserPreferences>());

        var result = await App.SendAsync(new UpdatePreferencesCommand(
            new Dictionary<string, NotificationChannelsPatch> { [NotificationKinds.Mentions] = new(Email: true) },
            new PrivacyPatch(Profile: ProfileVisibility.Private)));

        Assert.Multiple(() =>
        {
            Assert.That(added!.Id, Is.EqualTo(me.Id));
            Assert.That(result.Notifications[NotificationKinds.Mentions], Is.EqualTo(new NotificationChannels(true, true)));
            Assert.That(result.Privacy, Is.EqualTo(PreferenceSet.Default.Privacy with { Profile = ProfileVisibility.Private }));
            Assert.That(result.Audio, Is.EqualTo(PreferenceSet.Default.Audio));
        });
    }

    [Test]
    public async Task Preferences_refuse_unknown_kinds_and_values()
    {
        await SignedInUserAsync();

        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new UpdatePreferencesCommand(
            new Dictionary<string, NotificationChannelsPatch> { ["pigeons"] = new(Email: true) },
            new PrivacyPatch(DirectMessages: (DirectMessagePolicy)9))));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "notifications.pigeons", "privacy.direct_messages" }));
        _preferences.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Test]
    public async Task Deleting_the_account_revokes_every_session_deletes_the_user_and_its_graph()
    {
        var me = await SignedInUserAsync();

        await App.SendAsync(new DeleteAccountCommand("violet-tape-deck-42"));

        Assert.Multiple(() =>
        {
            Assert.That(me.Status, Is.EqualTo(AccountStatus.Deleted));
            Assert.That(App.StoredSessions.Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.AccountDeleted));
            Assert.That(App.OutboxEvents.OfType<UserDeleted>().Count(), Is.EqualTo(1));
            App.PlayLog.Received(1).ForgetListenerAsync(me.Id, Arg.Any<CancellationToken>());
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.AccountDelete, AuditOutcomes.Success, me.Id, null, AuditTargets.User(me.Id))));
        });
        await _follows.Received(1).RemoveAllOfAsync(me.Id, Arg.Any<CancellationToken>());
        await _blocks.Received(1).RemoveAllOfAsync(me.Id, Arg.Any<CancellationToken>());
        await _preferences.Received(1).RemoveAsync(me.Id, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Deleting_the_account_with_a_wrong_password_counts_a_failed_login_and_changes_nothing()
    {
        var me = await SignedInUserAsync();

        var error = Assert.ThrowsAsync<IncorrectPasswordException>(() => App.SendAsync(new DeleteAccountCommand("not-my-password")));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo("password"));
        Assert.That(App.StoredThrottles.Values.Select(t => (t.Scope, t.Failures)), Is.EquivalentTo(new[] { ("login+address", 1), ("login", 1) }));
        Assert.That(me.Status, Is.EqualTo(AccountStatus.Active));
        Assert.That(App.StoredSessions.Any(s => s.IsRevoked), Is.False);
        await _follows.DidNotReceiveWithAnyArgs().RemoveAllOfAsync(default, default);
    }
}
