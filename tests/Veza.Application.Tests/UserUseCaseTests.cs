using NSubstitute;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Queries.GetTokenClaims;
using Veza.Application.Common.Exceptions;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Application.Users.Commands.EnsureSuperAdmin;
using Veza.Application.Users.Queries.GetCurrentUser;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

public class UserUseCaseTests
{
    private ApplicationHarness _app = null!;

    [SetUp]
    public void SetUp() => _app = new ApplicationHarness();

    [TearDown]
    public async Task TearDown() => await _app.DisposeAsync();

    [Test]
    public async Task ChangePassword_revokes_every_other_session_and_keeps_the_current_one()
    {
        await _app.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        await _app.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));
        await _app.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));
        var user = _app.StoredUsers.Single();
        var current = _app.StoredSessions.Last();
        _app.SignInAs(user, current.Id);

        await _app.SendAsync(new ChangePasswordCommand("violet-tape-deck-42", "amber-reel-to-reel-7"));

        Assert.Multiple(() =>
        {
            Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:amber-reel-to-reel-7"));
            Assert.That(current.IsRevoked, Is.False);
            Assert.That(_app.StoredSessions.Where(s => s.Id != current.Id).Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.PasswordChanged));
            Assert.That(_app.StoredSessions.Count(s => s.IsRevoked), Is.EqualTo(2));
            Assert.That(_app.OutboxEvents.OfType<PasswordChanged>().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ChangePassword_with_a_wrong_current_password_is_a_field_error_counted_as_a_failed_login()
    {
        await _app.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = _app.StoredUsers.Single();
        _app.SignInAs(user, _app.StoredSessions.Single().Id);

        var error = Assert.ThrowsAsync<IncorrectCurrentPasswordException>(() => _app.SendAsync(new ChangePasswordCommand("not-my-password", "amber-reel-to-reel-7")));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo("current_password"));
        Assert.That(user.FailedLoginCount, Is.EqualTo(1));
        Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:violet-tape-deck-42"));
    }

    [Test]
    public void ChangePassword_requires_an_authenticated_caller() =>
        Assert.ThrowsAsync<UnauthorizedException>(() => _app.SendAsync(new ChangePasswordCommand("a-current-pass", "amber-reel-to-reel-7")));

    [Test]
    public async Task GetCurrentUser_reads_through_the_read_model_without_a_transaction()
    {
        await _app.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = _app.StoredUsers.Single();
        _app.SignInAs(user, Guid.NewGuid());
        _app.ReadModel.FindByIdAsync(user.Id, Arg.Any<CancellationToken>()).Returns(UserDto.From(user));
        _app.UnitOfWork.ClearReceivedCalls();

        var profile = await _app.SendAsync(new GetCurrentUserQuery());

        Assert.That(profile, Is.EqualTo(new UserDto(user.Id, "dj_nova", "nova@example.com", "user", user.CreatedAt)));
        await _app.UnitOfWork.DidNotReceive().BeginTransactionAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task GetTokenClaims_returns_the_callers_claims()
    {
        await _app.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = _app.StoredUsers.Single();
        var sessionId = Guid.NewGuid();
        _app.SignInAs(user, sessionId);

        var claims = await _app.SendAsync(new GetTokenClaimsQuery());

        Assert.That(claims, Is.EqualTo(new TokenClaimsDto(true, user.Id, "dj_nova", "user", sessionId, ApplicationHarness.Now.AddMinutes(15))));
    }

    [Test]
    public async Task EnsureSuperAdmin_creates_then_promotes_without_touching_an_existing_password()
    {
        var created = await _app.SendAsync(new EnsureSuperAdminCommand("root_admin", "root@example.com", "violet-tape-deck-42"));
        Assert.That(_app.StoredUsers.Single().Role, Is.EqualTo(Role.SuperAdmin));

        await _app.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "amber-reel-to-reel-7"));
        var promoted = await _app.SendAsync(new EnsureSuperAdminCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        var nova = _app.StoredUsers.Single(u => u.Username == "dj_nova");
        Assert.Multiple(() =>
        {
            Assert.That(created, Is.Not.EqualTo(promoted));
            Assert.That(nova.Id, Is.EqualTo(promoted));
            Assert.That(nova.Role, Is.EqualTo(Role.SuperAdmin));
            Assert.That(nova.PasswordHash, Is.EqualTo("pbkdf2:amber-reel-to-reel-7"));
        });
    }
}
