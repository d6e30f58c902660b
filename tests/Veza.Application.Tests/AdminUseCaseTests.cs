using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Admin.Commands.UpdateSettings;
using Veza.Application.Admin.Commands.UpdateUser;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Common.Exceptions;
using Veza.Application.Reports.Commands.FileReport;
using Veza.Application.Reports.Commands.ResolveReport;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Reports;
using Veza.Domain.Sessions;
using Veza.Domain.Settings;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>The rules of administration and reports, through MediatR over substituted ports.</summary>
public class AdminUseCaseTests : UseCaseTestBase
{
    private List<Report> _reports = [];
    private ISuperAdminRoster _roster = null!;
    private IReportRepository _reportRepository = null!;

    // Fresh substitutes per test: NUnit reuses the fixture instance, and callbacks would pile up.
    protected override ApplicationHarness CreateHarness()
    {
        _reports = [];
        _roster = Substitute.For<ISuperAdminRoster>();
        _reportRepository = Substitute.For<IReportRepository>();
        _reportRepository.When(r => r.Add(Arg.Any<Report>())).Do(c => _reports.Add(c.Arg<Report>()));
        _reportRepository.GetByIdAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _reports.FirstOrDefault(r => r.Id == c.Arg<Guid>()));
        _reportRepository.HasOpenReportAsync(Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => _reports.Any(r => r.ReporterId == c.ArgAt<Guid>(0) && r.TargetType == c.ArgAt<string>(1) && r.TargetId == c.ArgAt<Guid>(2) && r.IsOpen));
        return new ApplicationHarness(services => services.AddSingleton(_roster).AddSingleton(_reportRepository));
    }

    private async Task<User> UserAsync(string username, Role role = Role.User)
    {
        await App.SendAsync(new RegisterCommand(username, $"{username}@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single(u => u.Username == username);
        user.ChangeRole(role, ApplicationHarness.Now);
        return user;
    }

    private void ActAs(User user) => App.SignInAs(user, App.StoredSessions.First(s => s.UserId == user.Id).Id);

    private void ActiveSuperAdmins(params User[] users) =>
        _roster.LockActiveSuperAdminsAsync(Arg.Any<CancellationToken>()).Returns(users.Select(u => u.Id).ToList());

    [Test]
    public async Task Only_a_super_admin_grants_admin()
    {
        var admin = await UserAsync("boss", Role.Admin);
        var super = await UserAsync("root", Role.SuperAdmin);
        var user = await UserAsync("dj_nova");
        App.AuditEvents.Clear();

        ActAs(admin);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdateUserCommand(user.Id, Role: "admin")));
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdateUserCommand(super.Id, Role: "user")));
        Assert.That(user.Role, Is.EqualTo(Role.User));
        Assert.That(App.AuditEvents, Is.Empty);

        ActAs(super);
        var result = await App.SendAsync(new UpdateUserCommand(user.Id, Role: "admin"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Role, Is.EqualTo(Role.Admin));
            Assert.That(user.Role, Is.EqualTo(Role.Admin));
            Assert.That(App.AuditEvents.Single(), Is.EqualTo(new RecordedAudit(AuditActions.RoleChange, AuditOutcomes.Success, super.Id, "user -> admin", AuditTargets.User(user.Id))));
        });
    }

    [Test]
    public async Task An_admin_grants_moderator_and_acts_only_below_their_rank()
    {
        var admin = await UserAsync("boss", Role.Admin);
        var peer = await UserAsync("peer", Role.Admin);
        var user = await UserAsync("dj_nova");
        ActAs(admin);

        await App.SendAsync(new UpdateUserCommand(user.Id, Role: "moderator"));
        Assert.That(user.Role, Is.EqualTo(Role.Moderator));
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdateUserCommand(peer.Id, Status: "banned", Reason: "x")));
        Assert.That(peer.Status, Is.EqualTo(AccountStatus.Active));
    }

    [Test]
    public async Task A_moderator_cannot_change_roles_or_statuses()
    {
        var moderator = await UserAsync("mod_one", Role.Moderator);
        var user = await UserAsync("dj_nova");
        ActAs(moderator);

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdateUserCommand(user.Id, Role: "moderator")));
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdateUserCommand(user.Id, Status: "banned", Reason: "x")));
        Assert.That((user.Role, user.Status), Is.EqualTo((Role.User, AccountStatus.Active)));
    }

    [Test]
    public async Task The_last_active_super_admin_is_neither_demoted_suspended_nor_banned()
    {
        var root = await UserAsync("root", Role.SuperAdmin);
        ActAs(root);
        ActiveSuperAdmins(root);

        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new UpdateUserCommand(root.Id, Role: "admin")));
        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new UpdateUserCommand(root.Id, Status: "suspended", Reason: "x")));
        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new UpdateUserCommand(root.Id, Status: "banned", Reason: "x")));
        Assert.That((root.Role, root.Status), Is.EqualTo((Role.SuperAdmin, AccountStatus.Active)));
    }

    [Test]
    public async Task With_another_active_super_admin_one_may_step_down_and_loses_their_sessions()
    {
        var root = await UserAsync("root", Role.SuperAdmin);
        var other = await UserAsync("root2", Role.SuperAdmin);
        ActAs(root);
        ActiveSuperAdmins(root, other);

        await App.SendAsync(new UpdateUserCommand(root.Id, Role: "admin"));

        Assert.Multiple(() =>
        {
            Assert.That(root.Role, Is.EqualTo(Role.Admin));
            Assert.That(App.StoredSessions.Where(s => s.UserId == root.Id).Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.RoleLowered));
            Assert.That(App.StoredSessions.Where(s => s.UserId == other.Id).Any(s => s.IsRevoked), Is.False);
        });
    }

    [Test]
    public async Task Suspending_revokes_every_session_and_publishes_the_status_change()
    {
        var admin = await UserAsync("boss", Role.Admin);
        var user = await UserAsync("dj_nova");
        ActAs(admin);
        var until = ApplicationHarness.Now.AddDays(3);

        var result = await App.SendAsync(new UpdateUserCommand(user.Id, Status: "suspended", Reason: "Spam", Until: until));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(AccountStatus.Suspended));
            Assert.That(user.StatusUntil, Is.EqualTo(until));
            Assert.That(App.StoredSessions.Where(s => s.UserId == user.Id).Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.Suspended));
            Assert.That(App.OutboxEvents.OfType<UserStatusChanged>().Single(), Is.EqualTo(new UserStatusChanged(user.Id, "suspended", until, ApplicationHarness.Now)));
            Assert.That(App.AuditEvents.Last().Target, Is.EqualTo(AuditTargets.User(user.Id)));
        });
        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new UpdateUserCommand(user.Id, Status: "suspended", Reason: "x", Until: ApplicationHarness.Now.AddSeconds(-1))));
    }

    [Test]
    public async Task Registration_closed_refuses_new_accounts()
    {
        App.RuntimeSettings.GetAsync(Arg.Any<CancellationToken>()).Returns(RuntimeSettings.Defaults with { RegistrationOpen = false });

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42")));
        Assert.That(App.StoredUsers, Is.Empty);
    }

    [Test]
    public async Task Settings_changes_are_audited_with_the_settings_target()
    {
        var admin = await UserAsync("boss", Role.Admin);
        ActAs(admin);
        App.RuntimeSettings.UpdateAsync(Arg.Any<RuntimeSettingsChanges>(), admin.Id, Arg.Any<CancellationToken>())
            .Returns(RuntimeSettings.Defaults with { MaintenanceMode = true });

        var result = await App.SendAsync(new UpdateSettingsCommand(MaintenanceMode: true));

        Assert.That(result.MaintenanceMode, Is.True);
        await App.RuntimeSettings.Received(1).UpdateAsync(new RuntimeSettingsChanges(MaintenanceMode: true), admin.Id, Arg.Any<CancellationToken>());
        Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.SettingsChange, AuditOutcomes.Success, admin.Id, "maintenance_mode=true", AuditTargets.Settings)));
    }

    [Test]
    public async Task One_open_report_per_reporter_and_target_and_never_on_yourself()
    {
        var reporter = await UserAsync("alice");
        var target = await UserAsync("bob");
        ActAs(reporter);

        var report = await App.SendAsync(new FileReportCommand("user", target.Id, "spam", "links"));
        Assert.That(report.Status, Is.EqualTo(ReportStatus.Open));
        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new FileReportCommand("user", target.Id, "abuse")));
        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new FileReportCommand("user", reporter.Id, "abuse")));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new FileReportCommand("user", Guid.NewGuid(), "abuse")));
        var invalid = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new FileReportCommand("planet", target.Id, "abuse")));
        Assert.That(invalid!.Errors.Single().Field, Is.EqualTo("target_type"));
        Assert.That(_reports, Has.Count.EqualTo(1));
        Assert.That(_reports.Single().DomainEvents.OfType<ReportFiled>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_report_is_resolved_once()
    {
        var reporter = await UserAsync("alice");
        var target = await UserAsync("bob");
        var moderator = await UserAsync("mod_one", Role.Moderator);
        ActAs(reporter);
        var report = await App.SendAsync(new FileReportCommand("user", target.Id, "spam"));
        ActAs(moderator);

        var resolved = await App.SendAsync(new ResolveReportCommand(report.Id, "suspend_user", "Spam wave"));
        Assert.Multiple(() =>
        {
            Assert.That(resolved.Status, Is.EqualTo(ReportStatus.Resolved));
            Assert.That(target.Status, Is.EqualTo(AccountStatus.Suspended));
            Assert.That(target.StatusReason, Is.EqualTo("Spam wave"));
            Assert.That(App.StoredSessions.Where(s => s.UserId == target.Id).All(s => s.IsRevoked), Is.True);
        });

        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new ResolveReportCommand(report.Id, "dismiss")));
        Assert.That(_reports.Single().Resolution, Is.EqualTo(ReportAction.SuspendUser));
    }

    [Test]
    public async Task A_refused_action_leaves_the_report_open()
    {
        var reporter = await UserAsync("alice");
        var admin = await UserAsync("boss", Role.Admin);
        var moderator = await UserAsync("mod_one", Role.Moderator);
        ActAs(reporter);
        var report = await App.SendAsync(new FileReportCommand("user", admin.Id, "abuse"));
        ActAs(moderator);

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new ResolveReportCommand(report.Id, "suspend_user")));
        Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new ResolveReportCommand(report.Id, "hide_content")));
        Assert.That(_reports.Single().IsOpen, Is.True);
        Assert.That(admin.Status, Is.EqualTo(AccountStatus.Active));

        await App.SendAsync(new ResolveReportCommand(report.Id, "dismiss"));
        Assert.That(_reports.Single().Status, Is.EqualTo(ReportStatus.Dismissed));
    }
}
