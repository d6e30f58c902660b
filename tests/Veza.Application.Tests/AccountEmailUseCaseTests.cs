using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.ConfirmEmailChange;
using Veza.Application.Auth.Commands.ForgotPassword;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Commands.RequestMagicLink;
using Veza.Application.Auth.Commands.ResendVerificationEmail;
using Veza.Application.Auth.Commands.ResetPassword;
using Veza.Application.Auth.Commands.SignInWithMagicLink;
using Veza.Application.Auth.Commands.VerifyEmail;
using Veza.Application.Common.Email;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Users.Commands.ChangeEmail;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Mfa;
using Veza.Domain.Identities;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

public class AccountEmailUseCaseTests : UseCaseTestBase
{
    private const string Password = "violet-tape-deck-42";

    protected override ApplicationHarness CreateHarness() => new(services =>
        services.AddScoped<IRequestHandler<PublishSomethingCommand, Unit>, PublishSomethingCommandHandler>());

    [Test]
    public async Task Registration_queues_the_verification_email_in_its_transaction_and_the_link_verifies_the_address_once()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        var job = App.EnqueuedJobs.OfType<SendAccountEmailJob>().Single();
        Assert.That(job, Is.EqualTo(job with { UserId = App.StoredUsers.Single().Id, Email = AccountEmails.EmailVerification, To = "nova@example.com" }));
        Assert.That(App.StoredAccountTokens, Is.Empty, "no token exists until the email is prepared");

        await App.RunQueuedEmailsAsync();

        var mail = App.SentEmails.Single();
        var token = TokenIn(mail);
        Assert.Multiple(() =>
        {
            Assert.That(mail.To, Is.EqualTo("nova@example.com"));
            Assert.That(mail.MessageId, Is.EqualTo(job.MessageId));
            Assert.That(mail.TextBody, Does.Contain($"{ApplicationHarness.LinkBase}/verify-email?token="));
            Assert.That(App.StoredAccountTokens.Single().TokenHash, Is.EqualTo("sha:" + token), "only the hash is stored");
        });

        var verified = await App.SendAsync(new VerifyEmailCommand(token));

        Assert.That(verified, Is.EqualTo(new EmailAddressDto("nova@example.com", true)));
        Assert.That(App.StoredUsers.Single().EmailVerifiedAt, Is.EqualTo(ApplicationHarness.Now));
        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new VerifyEmailCommand(token)));
        Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.AccountTokenRefused, AuditOutcomes.Failure, App.StoredUsers.Single().Id, "email_verification: alreadyredeemed")));
    }

    [Test]
    public async Task A_retried_email_job_keeps_its_message_id_and_its_new_token_supersedes_the_failed_attempts_one()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        var job = App.EnqueuedJobs.OfType<SendAccountEmailJob>().Single();
        App.Emails.SendAsync(Arg.Any<EmailMessage>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new IOException("smtp down")), Task.CompletedTask);
        var handler = () => RunAsync(job);

        Assert.ThrowsAsync<IOException>(() => handler());
        await handler();

        var tokens = App.StoredAccountTokens.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(App.SentEmails.Select(m => m.MessageId), Is.All.EqualTo(job.MessageId));
            Assert.That(tokens, Has.Count.EqualTo(2));
            Assert.That(tokens[0].SupersededAt, Is.Not.Null, "the failed attempt's link is dead");
            Assert.That(tokens[1].IsUsableAt(App.CurrentTime), Is.True);
        });
    }

    [Test]
    public async Task An_already_verified_address_gets_no_more_verification_emails()
    {
        var user = await RegisterAndVerifyAsync();

        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new ResendVerificationEmailCommand()));
        await RunAsync(new SendAccountEmailJob(Guid.NewGuid(), user.Id, AccountEmails.EmailVerification, user.Email));

        Assert.That(App.SentEmails, Is.Empty);
    }

    [Test]
    public async Task Forgot_password_answers_alike_for_known_and_unknown_addresses_and_mails_only_the_known_one()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.EnqueuedJobs.Clear();

        var known = await App.SendAsync(new ForgotPasswordCommand("NOVA@example.com"));
        var unknown = await App.SendAsync(new ForgotPasswordCommand("nobody@example.com"));

        Assert.That(known, Is.EqualTo(unknown));
        Assert.That(App.EnqueuedJobs.OfType<SendAccountEmailJob>().Single().Email, Is.EqualTo(AccountEmails.PasswordReset));
        await App.RateLimiter.Received(1).AcquireAsync("forgot-password:email:nova@example.com", AccountEmailThrottle.PerRecipient, Arg.Any<CancellationToken>());
        await App.RateLimiter.Received(1).AcquireAsync("forgot-password:email:nobody@example.com", AccountEmailThrottle.PerRecipient, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Forgot_password_over_the_per_address_limit_is_429_for_any_address()
    {
        App.RateLimiter.AcquireAsync(Arg.Any<string>(), Arg.Any<RateLimitRule>(), Arg.Any<CancellationToken>()).Returns(new RateLimitDecision(false, 0, TimeSpan.FromMinutes(20)));

        var refused = Assert.ThrowsAsync<RateLimitedException>(() => App.SendAsync(new ForgotPasswordCommand("nobody@example.com")));

        Assert.That(refused!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(20)));
        Assert.That(App.EnqueuedJobs, Is.Empty);
    }

    [Test]
    public async Task Reset_password_sets_the_password_revokes_every_session_and_notifies_the_owner()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        await App.SendAsync(new LoginCommand("dj_nova", Password));
        App.EnqueuedJobs.Clear();
        await App.SendAsync(new ForgotPasswordCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();
        var token = TokenIn(App.SentEmails.Single());

        Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ResetPasswordCommand(token, "password")), "the registration rules apply");
        App.Identities.Add(UserIdentity.Link(App.StoredUsers.Single().Id, ExternalProvider.Discord, "d-1", "nova@example.com", ApplicationHarness.Now));
        await App.SendAsync(new ResetPasswordCommand(token, "amber-reel-to-reel-7"));

        var user = App.StoredUsers.Single();
        Assert.Multiple(() =>
        {
            Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:amber-reel-to-reel-7"));
            Assert.That(App.StoredIdentities, Is.Empty, "the first proof of the address unlinks what its earlier holder linked");
            Assert.That(App.StoredSessions.Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.PasswordReset));
            Assert.That(App.StoredSessions.Count(), Is.EqualTo(2));
            Assert.That(App.EnqueuedJobs.OfType<SendAccountEmailJob>().Single().Email, Is.EqualTo(AccountEmails.PasswordResetNotice));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.PasswordReset, AuditOutcomes.Success, user.Id, "2 sessions revoked")));
        });
        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new ResetPasswordCommand(token, "another-long-secret-9")));
    }

    [Test]
    public async Task A_newer_reset_link_supersedes_the_older_one_and_a_link_expires_after_30_minutes()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.EnqueuedJobs.Clear();
        await App.SendAsync(new ForgotPasswordCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();
        await App.SendAsync(new ForgotPasswordCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();
        var (older, newer) = (TokenIn(App.SentEmails[0]), TokenIn(App.SentEmails[1]));

        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new ResetPasswordCommand(older, "amber-reel-to-reel-7")));
        App.CurrentTime = ApplicationHarness.Now.AddMinutes(30);
        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new ResetPasswordCommand(newer, "amber-reel-to-reel-7")));
    }

    [Test]
    public async Task Changing_the_address_needs_the_password_and_changes_it_only_when_the_link_is_used()
    {
        var user = await RegisterAndSignInAsync();

        Assert.ThrowsAsync<IncorrectPasswordException>(() => App.SendAsync(new ChangeEmailCommand("nova@studio.example", "wrong-password")));
        await App.SendAsync(new ChangeEmailCommand("nova@studio.example", Password));

        var jobs = App.EnqueuedJobs.OfType<SendAccountEmailJob>().ToList();
        Assert.That(jobs.Select(j => (j.Email, j.To)), Is.EqualTo(new[]
        {
            (AccountEmails.EmailChangeConfirmation, "nova@studio.example"),
            (AccountEmails.EmailChangeNotice, "nova@example.com"),
        }));
        await App.RunQueuedEmailsAsync();
        Assert.That(user.Email, Is.EqualTo("nova@example.com"), "nothing changes before the link is used");
        var notice = App.SentEmails.Single(m => m.To == "nova@example.com");
        Assert.That(notice.TextBody, Does.Not.Contain("token="));

        var changed = await App.SendAsync(new ConfirmEmailChangeCommand(TokenIn(App.SentEmails.Single(m => m.To == "nova@studio.example"))));

        Assert.That(changed, Is.EqualTo(new EmailAddressDto("nova@studio.example", true)));
        Assert.That(user.NormalizedEmail, Is.EqualTo("nova@studio.example"));
    }

    [Test]
    public async Task Confirming_an_address_another_account_took_meanwhile_is_a_conflict()
    {
        await RegisterAndSignInAsync();
        await App.SendAsync(new ChangeEmailCommand("nova@studio.example", Password));
        await App.RunQueuedEmailsAsync();
        var token = TokenIn(App.SentEmails.Single(m => m.To == "nova@studio.example"));
        await App.SendAsync(new RegisterCommand("rival", "Nova@Studio.example", Password));

        var conflict = Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new ConfirmEmailChangeCommand(token)));

        Assert.That(conflict!.Field, Is.EqualTo("email"));
        Assert.That(App.StoredUsers.First().Email, Is.EqualTo("nova@example.com"));
    }

    [Test]
    public async Task A_magic_link_signs_in_through_the_sign_in_completer_and_records_the_login()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.EnqueuedJobs.Clear();
        await App.SendAsync(new RequestMagicLinkCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();

        var result = await App.SendAsync(new SignInWithMagicLinkCommand(TokenIn(App.SentEmails.Single())));

        var user = App.StoredUsers.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.MfaRequired, Is.False);
            Assert.That(result.AccessToken, Is.Not.Null);
            Assert.That(user.LastLoginAt, Is.EqualTo(ApplicationHarness.Now));
            Assert.That(user.IsEmailVerified, Is.True);
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.MagicLinkLogin, AuditOutcomes.Success, user.Id, null)));
        });
    }

    [Test]
    public async Task The_owners_first_magic_link_takes_back_an_account_someone_else_registered_at_their_address()
    {
        // A squatter registered nova@example.com with a password, linked a provider and enrolled a second factor.
        await App.SendAsync(new RegisterCommand("squatter", "nova@example.com", Password));
        var user = App.StoredUsers.Single();
        App.Identities.Add(UserIdentity.Link(user.Id, ExternalProvider.GitHub, "evil-1", "evil@example.com", ApplicationHarness.Now));
        var enrolment = MfaEnrolment.Begin(user.Id, new ProtectedSecret("k1", "sealed"), ApplicationHarness.Now);
        enrolment.Enable(1, ["hash"], ApplicationHarness.Now);
        App.MfaEnrolments.Add(enrolment);
        App.EnqueuedJobs.Clear();
        await App.SendAsync(new RequestMagicLinkCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();

        var result = await App.SendAsync(new SignInWithMagicLinkCommand(TokenIn(App.SentEmails.Single())));

        Assert.Multiple(() =>
        {
            Assert.That(result.MfaRequired, Is.False, "the squatter's second factor does not stand between the owner and the account");
            Assert.That(user.PasswordHash, Is.Null, "the squatter's password stops working");
            Assert.That(user.IsEmailVerified, Is.True);
            Assert.That(App.StoredIdentities, Is.Empty);
            Assert.That(App.StoredMfaEnrolments, Is.Empty);
            Assert.That(App.StoredSessions.Where(s => s.IsRevoked).Select(s => s.RevokedReason), Is.EqualTo(new[] { SessionRevocationReason.AddressOwnerClaimed }));
            Assert.That(App.StoredSessions.Count(s => !s.IsRevoked), Is.EqualTo(1), "only the owner's new session");
            Assert.That(App.AuditEvents.Select(a => a.Action), Does.Contain(AuditActions.AddressOwnerClaim));
        });
    }

    [Test]
    public async Task A_magic_link_on_an_address_already_proven_changes_nothing_else()
    {
        var user = await RegisterAndVerifyAsync();
        await App.SendAsync(new RequestMagicLinkCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();

        await App.SendAsync(new SignInWithMagicLinkCommand(TokenIn(App.SentEmails.Last())));

        Assert.Multiple(() =>
        {
            Assert.That(user.PasswordHash, Is.EqualTo("pbkdf2:" + Password));
            Assert.That(App.StoredSessions.Count(s => !s.IsRevoked), Is.EqualTo(2));
            Assert.That(App.AuditEvents.Select(a => a.Action), Does.Not.Contain(AuditActions.AddressOwnerClaim));
        });
    }

    [Test]
    public async Task A_magic_link_of_a_suspended_account_is_refused_with_the_reason()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.EnqueuedJobs.Clear();
        await App.SendAsync(new RequestMagicLinkCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();
        App.StoredUsers.Single().Suspend("spam", null, ApplicationHarness.Now);
        var sessionsBefore = App.StoredSessions.Count();

        var refused = Assert.ThrowsAsync<AccountRestrictedException>(() => App.SendAsync(new SignInWithMagicLinkCommand(TokenIn(App.SentEmails.Single()))));

        Assert.That(refused!.Code, Is.EqualTo("ACCOUNT_SUSPENDED"));
        Assert.That(App.StoredSessions.Count(), Is.EqualTo(sessionsBefore));
    }

    [Test]
    public async Task Requests_marked_as_needing_a_verified_address_are_refused_only_while_the_setting_is_on()
    {
        await RegisterAndSignInAsync();
        await App.SendAsync(new PublishSomethingCommand());

        App.RuntimeSettings.GetAsync(Arg.Any<CancellationToken>()).Returns(Domain.Settings.RuntimeSettings.Defaults with { RequireVerifiedEmail = true });
        Assert.ThrowsAsync<EmailNotVerifiedException>(() => App.SendAsync(new PublishSomethingCommand()));

        App.StoredUsers.Single().MarkEmailVerified(ApplicationHarness.Now);
        Assert.DoesNotThrowAsync(() => App.SendAsync(new PublishSomethingCommand()));
    }

    [Test]
    public void Html_bodies_encode_what_users_chose_and_plain_text_keeps_it()
    {
        var job = new SendAccountEmailJob(Guid.NewGuid(), Guid.NewGuid(), AccountEmails.EmailChangeConfirmation, "a<b>\"c\"@example.com");

        var mail = AccountEmailTemplates.Render(job, "dj_nova", "https://app.veza.test/confirm-email-change?token=x&y", job.To);

        Assert.Multiple(() =>
        {
            Assert.That(mail.HtmlBody, Does.Contain("a&lt;b&gt;&quot;c&quot;@example.com"));
            Assert.That(mail.HtmlBody, Does.Not.Contain("a<b>"));
            Assert.That(mail.HtmlBody, Does.Contain("href=\"https://app.veza.test/confirm-email-change?token=x&amp;y\""));
            Assert.That(mail.TextBody, Does.Contain("a<b>\"c\"@example.com"));
        });
    }

    private async Task<User> RegisterAndSignInAsync()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.EnqueuedJobs.Clear();
        var user = App.StoredUsers.Single();
        App.SignInAs(user, App.StoredSessions.Single().Id);
        return user;
    }

    private async Task<User> RegisterAndVerifyAsync()
    {
        var user = await RegisterAndSignInAsync();
        user.MarkEmailVerified(ApplicationHarness.Now);
        return user;
    }

    private async Task RunAsync(SendAccountEmailJob job)
    {
        App.EnqueuedJobs.Add(job);
        await App.RunQueuedEmailsAsync();
    }

    private static string TokenIn(EmailMessage mail) =>
        Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"\?token=([^\s]+)").Groups[1].Value);
}

/// <summary>Stands for the publishing commands later issues add (upload, post, sell): marked, so the behaviour checks it.</summary>
[Authorize]
public sealed record PublishSomethingCommand : ICommand<Unit>, IRequiresVerifiedEmail;

public sealed class PublishSomethingCommandHandler : IRequestHandler<PublishSomethingCommand, Unit>
{
    public Task<Unit> Handle(PublishSomethingCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);

    [Test]
    public void An_account_email_is_retried_twelve_times_without_configuration_so_an_smtp_outage_of_hours_delays_it_and_does_not_lose_it()
    {
        var registration = new ServiceCollection().AddJobHandler<SendAccountEmailJob, SendAccountEmailJobHandler>()
            .BuildServiceProvider().GetRequiredService<JobKindRegistration>();

        Assert.That(registration.DefaultMaxAttempts, Is.EqualTo(12));
    }
}
