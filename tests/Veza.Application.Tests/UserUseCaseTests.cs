using NSubstitute;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Queries.GetTokenClaims;
using Veza.Application.Common.Exceptions;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Application.Users.Commands.EnsureSuperAdmin;
using Veza.Application.Users.Queries.GetCurrentUser;
using Veza.Domain.Auditing;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

public class UserUseCaseTests : UseCaseTestBase
{
    [Test]
    public async Task ChangePassword_revokes_every_other_session_and_keeps_the_current_one()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        await App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));
        await App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single();
        var current = App.StoredSessions.Last();
        App.SignInAs(user, current.Id);

        await App.SendAsync(new ChangePasswordCommand("violet-tape-deck-42", "amber-reel-to-reel-7"));

        Assert.Multiple(() =>
        {
            Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:amber-reel-to-reel-7"));
            Assert.That(current.IsRevoked, Is.False);
            Assert.That(App.StoredSessions.Where(s => s.Id != current.Id).Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.PasswordChanged));
            Assert.That(App.StoredSessions.Count(s => s.IsRevoked), Is.EqualTo(2));
            Assert.That(App.OutboxEvents.OfType<PasswordChanged>().Count(), Is.EqualTo(1));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.PasswordChange, AuditOutcomes.Success, user.Id, null)));
        });
    }

    [Test]
    public async Task ChangePassword_with_a_wrong_current_password_is_a_field_error_counted_as_a_failed_login()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single();
        App.SignInAs(user, App.StoredSessions.Single().Id);

        var error = Assert.ThrowsAsync<IncorrectPasswordException>(() => App.SendAsync(new ChangePasswordCommand("not-my-password", "amber-reel-to-reel-7")));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo("current_password"));
        Assert.That(App.StoredThrottles.Values.Select(t => (t.Scope, t.Failures)), Is.EquivalentTo(new[] { ("login+address", 1), ("login", 1) }));
        Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:violet-tape-deck-42"));
        Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.PasswordChange, AuditOutcomes.Failure, user.Id, "wrong current password")));
    }

    [Test]
    public void ChangePassword_requires_an_authenticated_caller() =>
        Assert.ThrowsAsync<UnauthorizedException>(() => App.SendAsync(new ChangePasswordCommand("a-current-pass", "amber-reel-to-reel-7")));

    [Test]
    public async Task GetCurrentUser_reads_through_the_read_model_without_a_transaction()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single();
        App.SignInAs(user, Guid.NewGuid());
        App.ReadModel.FindByIdAsync(user.Id, Arg.Any<CancellationToken>()).Returns(UserDto.From(user));
        App.UnitOfWork.ClearReceivedCalls();

        var profile = await App.SendAsync(new GetCurrentUserQuery());

        Assert.That(profile, Is.EqualTo(new UserDto(user.Id, "dj_nova", "nova@example.com", false, Role.User, user.CreatedAt)));
        await App.UnitOfWork.DidNotReceive().BeginTransactionAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task GetTokenClaims_returns_the_callers_claims()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single();
        var sessionId = Guid.NewGuid();
        App.SignInAs(user, sessionId);

        var claims = await App.SendAsync(new GetTokenClaimsQuery());

        Assert.That(claims, Is.EqualTo(new TokenClaimsDto(true, user.Id, "dj_nova", Role.User, sessionId, ApplicationHarness.Now.AddMinutes(15))));
    }

    [Test]
    public async Task EnsureSuperAdmin_creates_then_promotes_without_touching_an_existing_password()
    {
        var created = await App.SendAsync(new EnsureSuperAdminCommand("root_admin", "root@example.com", "violet-tape-deck-42"));
        Assert.That(App.StoredUsers.Single().Role, Is.EqualTo(Role.SuperAdmin));

        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "amber-reel-to-reel-7"));
        var promoted = await App.SendAsync(new EnsureSuperAdminCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        var nova = App.StoredUsers.Single(u => u.Username == "dj_nova");
        Assert.Multiple(() =>
        {
            Assert.That(created, Is.Not.EqualTo(promoted));
            Assert.That(nova.Id, Is.EqualTo(promoted));
            Assert.That(nova.Role, Is.EqualTo(Role.SuperAdmin));
            Assert.That(nova.PasswordHash, Is.EqualTo("pbkdf2:amber-reel-to-reel-7"));
        });
    }
}
