using MediatR;
using NSubstitute;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Logout;
using Veza.Application.Auth.Commands.RefreshSession;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

public class AuthUseCaseTests : UseCaseTestBase
{
    [Test]
    public async Task Register_stores_user_session_audit_and_outbox_event_in_one_committed_transaction()
    {
        var result = await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        var user = App.StoredUsers.Single();
        var session = App.StoredSessions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.User!.Username, Is.EqualTo("dj_nova"));
            Assert.That(result.RefreshToken, Is.EqualTo("refresh-1"));
            Assert.That(result.ExpiresIn, Is.EqualTo(900));
            Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:violet-tape-deck-42"), "only the hash is kept");
            Assert.That(session.Tokens.Single().TokenHash, Is.EqualTo("sha:refresh-1"), "only the refresh token's hash is kept");
            Assert.That(App.AuditEvents.Single(), Is.EqualTo(new RecordedAudit(AuditActions.Register, AuditOutcomes.Success, user.Id, null)));
            Assert.That(App.OutboxEvents.Single(), Is.InstanceOf<UserRegistered>());
        });
        Received.InOrder(() =>
        {
            App.UnitOfWork.BeginTransactionAsync(Arg.Any<CancellationToken>());
            App.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
            App.Transaction.CommitAsync(Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task Register_refuses_a_taken_username_without_committing()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        App.Transaction.ClearReceivedCalls();

        var conflict = Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RegisterCommand("dj_nova", "other@example.com", "violet-tape-deck-42")));

        Assert.That(conflict!.Field, Is.EqualTo("username"));
        await App.Transaction.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
        Assert.That(App.StoredUsers.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Register_refuses_an_upper_case_variant_of_a_taken_username_as_invalid_since_usernames_are_lower_case_only()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        var invalid = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("DJ_Nova", "other@example.com", "violet-tape-deck-42")));

        Assert.That(invalid!.Errors, Is.EqualTo(new[] { new FieldError("username", UsernameRules.Message) }));
        Assert.That(App.StoredUsers.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Register_refuses_a_taken_email_case_insensitively()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        var conflict = Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RegisterCommand("other", "NOVA@Example.com", "violet-tape-deck-42")));

        Assert.That(conflict!.Field, Is.EqualTo("email"));
    }

    [Test]
    public void Register_reports_every_invalid_field_in_snake_case_before_the_handler_runs()
    {
        var invalid = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("No", "nope", "password")));

        Assert.That(invalid!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "username", "email", "password" }));
        App.Users.DidNotReceive().Add(Arg.Any<User>());
        App.UnitOfWork.DidNotReceive().BeginTransactionAsync(Arg.Any<CancellationToken>());
    }

    [TestCase("short7!", "at least 8")]
    [TestCase("Password", "most common")]
    public void Register_password_rules(string password, string expected)
    {
        var invalid = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", password)));

        Assert.That(invalid!.Errors.Single().Message, Does.Contain(expected));
    }

    [Test]
    public void Register_refuses_a_password_over_128_characters()
    {
        var invalid = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", new string('x', 129))));

        Assert.That(invalid!.Errors.Single().Field, Is.EqualTo("password"));
    }

    [Test]
    public async Task Login_with_an_unknown_account_spends_a_hash_and_records_the_failure()
    {
        Assert.ThrowsAsync<InvalidCredentialsException>(() => App.SendAsync(new LoginCommand("ghost", "whatever-password")));

        App.Hasher.Received(1).VerifyAgainstDummy("whatever-password");
        Assert.That(App.AuditEvents.Single(), Is.EqualTo(new RecordedAudit(AuditActions.Login, AuditOutcomes.Failure, null, "unknown account")));
        await App.Transaction.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Login_with_a_wrong_password_counts_the_failure_and_keeps_it()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        Assert.ThrowsAsync<InvalidCredentialsException>(() => App.SendAsync(new LoginCommand("dj_nova", "wrong-password-1")));

        Assert.That(App.StoredThrottles.Values.Select(t => (t.Scope, t.Failures)), Is.EquivalentTo(new[] { ("login+address", 1), ("login", 1) }));
        Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.Login, AuditOutcomes.Failure, App.StoredUsers.Single().Id, "wrong password")));
        await App.Transaction.Received(2).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Five_failures_from_one_address_refuse_that_address_for_a_minute_even_with_the_right_password()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        for (var i = 0; i < LoginThrottlePolicy.PerLoginAndAddress.MaxFailures; i++)
        {
            Assert.ThrowsAsync<InvalidCredentialsException>(() => App.SendAsync(new LoginCommand("dj_nova", "wrong-password-1")));
        }

        var locked = Assert.ThrowsAsync<RateLimitedException>(() => App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42")));
        Assert.That(locked!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));

        App.CurrentTime = ApplicationHarness.Now.AddMinutes(1).AddSeconds(1);
        var result = await App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));
        Assert.That(result.User!.Username, Is.EqualTo("dj_nova"), "the owner gets back in once the lock lapses");
    }

    [Test]
    public async Task Failures_from_one_address_do_not_refuse_the_owner_at_another()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        App.Caller.IpAddress.Returns("198.51.100.66");
        for (var i = 0; i < 20; i++)
        {
            Assert.CatchAsync(() => App.SendAsync(new LoginCommand("dj_nova", $"guess-{i}-password")));
        }

        App.Caller.IpAddress.Returns("203.0.113.7");
        var result = await App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));

        Assert.That(result.User!.Username, Is.EqualTo("dj_nova"));
    }

    [Test]
    public async Task An_unknown_login_is_throttled_exactly_like_a_real_one()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var answers = new List<string>();
        foreach (var login in new[] { "dj_nova", "dj_ghost" })
        {
            for (var i = 0; i <= LoginThrottlePolicy.PerLoginAndAddress.MaxFailures; i++)
            {
                var error = Assert.CatchAsync(() => App.SendAsync(new LoginCommand(login, "wrong-password-1")));
                answers.Add($"{i}:{error!.GetType().Name}:{error.Message}:{(error as RateLimitedException)?.RetryAfter}");
            }
        }

        Assert.That(answers.Take(6), Is.EqualTo(answers.Skip(6)));
        Assert.That(answers[5], Does.StartWith("5:RateLimitedException"));
    }

    [Test]
    public async Task Past_the_per_login_budget_only_addresses_the_account_used_before_may_still_try()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        // Many addresses, each under its own limit, together exhaust the login's budget.
        for (var i = 0; i < LoginThrottlePolicy.PerLogin.MaxFailures; i++)
        {
            App.Caller.IpAddress.Returns($"198.51.{i / 4}.{i % 4}");
            Assert.ThrowsAsync<InvalidCredentialsException>(() => App.SendAsync(new LoginCommand("dj_nova", $"guess-{i}-password")));
        }

        App.Caller.IpAddress.Returns("192.0.2.200");
        Assert.ThrowsAsync<RateLimitedException>(() => App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42")), "a new address waits");
        App.Caller.IpAddress.Returns("203.0.113.7");
        var owner = await App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42"));
        Assert.That(owner.User!.Username, Is.EqualTo("dj_nova"), "the address that registered is the owner's");
    }

    [Test]
    public async Task A_refresh_that_loses_a_row_race_runs_again_and_treats_the_spent_token_as_reuse()
    {
        var registered = await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        // The winner's write lands between this request's read and its write.
        App.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => Task.FromException(new ConcurrentChangeException()), _ => Task.CompletedTask);

        Assert.ThrowsAsync<InvalidRefreshTokenException>(() => App.SendAsync(new RefreshSessionCommand(registered.RefreshToken)));

        App.UnitOfWork.Received(1).DiscardChanges();
        Assert.That(App.StoredSessions.Single().IsRevoked, Is.True);
        Assert.That(App.AuditEvents.Last().Action, Is.EqualTo(AuditActions.RefreshTokenReuse));
    }

    [Test]
    public async Task Other_commands_that_lose_a_row_race_answer_409_without_running_again()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        App.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => Task.FromException(new ConcurrentChangeException()));

        Assert.ThrowsAsync<ConcurrentChangeException>(() => App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-42")));

        App.UnitOfWork.DidNotReceive().DiscardChanges();
    }

    [Test]
    public async Task Login_rehashes_a_password_stored_under_old_parameters()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single();
        user.UpgradePasswordHash("old-pbkdf2:violet-tape-deck-42");

        await App.SendAsync(new LoginCommand("nova@example.com", "violet-tape-deck-42"));

        Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:violet-tape-deck-42"));
    }

    [Test]
    public async Task Refresh_rotates_and_reuse_revokes_the_family_and_propagates_the_revocation()
    {
        var registered = await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));
        var rotated = await App.SendAsync(new RefreshSessionCommand(registered.RefreshToken));
        Assert.That(rotated.RefreshToken, Is.Not.EqualTo(registered.RefreshToken));

        var reuse = Assert.ThrowsAsync<InvalidRefreshTokenException>(() => App.SendAsync(new RefreshSessionCommand(registered.RefreshToken)));

        var session = App.StoredSessions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(reuse!.Message, Does.Contain("already used"));
            Assert.That(session.RevokedReason, Is.EqualTo(SessionRevocationReason.RefreshTokenReuse));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.RefreshTokenReuse, AuditOutcomes.Failure, registered.User.Id, $"session {session.Id} revoked")));
            Assert.That(App.OutboxEvents.OfType<SessionRevoked>().Single().SessionId, Is.EqualTo(session.Id));
        });
        await App.Revocations.Received(1).MarkRevokedAsync(session.Id, Arg.Any<CancellationToken>());
        Assert.ThrowsAsync<InvalidRefreshTokenException>(() => App.SendAsync(new RefreshSessionCommand(rotated.RefreshToken)));
    }

    [Test]
    public void Refresh_with_an_unknown_token_is_unauthorized() =>
        Assert.ThrowsAsync<InvalidRefreshTokenException>(() => App.SendAsync(new RefreshSessionCommand("never-issued")));

    [Test]
    public async Task Logout_revokes_the_session_once_and_is_idempotent()
    {
        var registered = await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"));

        await App.SendAsync(new LogoutCommand(registered.RefreshToken));
        await App.SendAsync(new LogoutCommand(registered.RefreshToken));

        Assert.That(App.StoredSessions.Single().RevokedReason, Is.EqualTo(SessionRevocationReason.Logout));
        Assert.That(App.AuditEvents.Where(a => a.Action == AuditActions.Logout), Is.EqualTo(new[] { new RecordedAudit(AuditActions.Logout, AuditOutcomes.Success, registered.User.Id, null) }));
        await App.Revocations.Received(1).MarkRevokedAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>());
        Assert.ThrowsAsync<InvalidRefreshTokenException>(() => App.SendAsync(new RefreshSessionCommand(registered.RefreshToken)));
    }
}
