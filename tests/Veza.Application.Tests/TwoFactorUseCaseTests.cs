using NSubstitute;
using Veza.Application.Admin.Queries.GetSettings;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Commands.RequestMagicLink;
using Veza.Application.Auth.Commands.SignInWithMagicLink;
using Veza.Application.Auth.TwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.ConfirmTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.DisableTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.RegenerateRecoveryCodes;
using Veza.Application.Auth.TwoFactor.Commands.SetUpTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.VerifyTwoFactor;
using Veza.Application.Auth.TwoFactor.Queries.GetTwoFactorStatus;
using Veza.Application.Common.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.ReadModels;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Mfa;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>TOTP codes here come from Totp.Code, which the RFC 6238 vectors in the domain tests hold to the standard.</summary>
public class TwoFactorUseCaseTests : UseCaseTestBase
{
    private const string Password = "violet-tape-deck-42";

    private User _user = null!;

    protected override ApplicationHarness CreateHarness() => new(services => services.AddSingleton(Substitute.For<IAdminReadModel>()));

    [SetUp]
    public async Task SignedInUser()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        _user = App.StoredUsers.Single();
        App.SignInAs(_user, App.StoredSessions.Single().Id);
    }

    private static string CodeFor(string base32Secret, DateTimeOffset at) => Totp.Code(Base32.Decode(base32Secret), Totp.StepAt(at));

    private async Task<(string Secret, IReadOnlyList<string> RecoveryCodes)> EnrolAsync()
    {
        var setup = await App.SendAsync(new SetUpTwoFactorCommand(Password));
        var codes = await App.SendAsync(new ConfirmTwoFactorCommand(CodeFor(setup.Secret, App.CurrentTime)));
        App.CurrentTime = App.CurrentTime.AddSeconds(Totp.StepSeconds);
        return (setup.Secret, codes.RecoveryCodes);
    }

    private async Task<string> FirstFactorAsync()
    {
        var result = await App.SendAsync(new LoginCommand("dj_nova", Password));
        Assert.That(result.MfaRequired, Is.True);
        return result.MfaToken!;
    }

    [Test]
    public async Task A_magic_link_still_asks_for_the_second_factor_and_the_code_then_signs_in()
    {
        var (secret, _) = await EnrolAsync();
        // A proven address: the first proof would take the account back from whoever enrolled (AddressOwnerClaim).
        App.StoredUsers.Single().MarkEmailVerified(App.CurrentTime);
        App.EnqueuedJobs.Clear();
        App.SentEmails.Clear();
        await App.SendAsync(new RequestMagicLinkCommand("nova@example.com"));
        await App.RunQueuedEmailsAsync();
        var link = System.Text.RegularExpressions.Regex.Match(App.SentEmails.Single().TextBody, @"\?token=([^\s]+)").Groups[1].Value;

        var first = await App.SendAsync(new SignInWithMagicLinkCommand(Uri.UnescapeDataString(link)));

        Assert.That((first.MfaRequired, first.AccessToken), Is.EqualTo((true, (string?)null)), "a magic link is one factor, like a password");
        var signedIn = await App.SendAsync(new VerifyTwoFactorCommand(first.MfaToken!, CodeFor(secret, App.CurrentTime), null));
        Assert.That(signedIn.AccessToken, Is.Not.Null);
    }

    [Test]
    public async Task Setup_returns_the_secret_uri_and_qr_code_and_keeps_only_the_sealed_secret_pending()
    {
        var setup = await App.SendAsync(new SetUpTwoFactorCommand(Password));

        var enrolment = App.StoredMfaEnrolments.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Base32.Decode(setup.Secret), Has.Length.EqualTo(Totp.SecretBytes));
            Assert.That(setup.OtpauthUri, Is.EqualTo($"otpauth://totp/Veza:dj_nova?secret={setup.Secret}&issuer=Veza&algorithm=SHA1&digits=6&period=30"));
            Assert.That(Convert.FromBase64String(setup.QrCodePng), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
            App.QrCodes.Received(1).RenderPng(setup.OtpauthUri);
            Assert.That(enrolment.Id, Is.EqualTo(_user.Id));
            Assert.That(enrolment.IsEnabled, Is.False);
            Assert.That(enrolment.SecretCiphertext, Does.Not.Contain(setup.Secret));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.MfaSetup, AuditOutcomes.Success, _user.Id, null)));
        });
    }

    [Test]
    public async Task Setup_with_a_wrong_password_counts_as_a_failed_sign_in_and_stores_nothing()
    {
        var refused = Assert.ThrowsAsync<IncorrectPasswordException>(() => App.SendAsync(new SetUpTwoFactorCommand("not-my-password")));

        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("password"));
        Assert.That(App.StoredMfaEnrolments, Is.Empty);
        Assert.That(App.StoredThrottles.Values.Where(t => t.Scope == LoginThrottlePolicy.PerLoginAndAddress.Scope).Single().Failures, Is.EqualTo(1));
        await App.Transaction.Received().CommitAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_second_setup_replaces_the_pending_secret_and_the_first_no_longer_confirms()
    {
        var first = await App.SendAsync(new SetUpTwoFactorCommand(Password));
        var second = await App.SendAsync(new SetUpTwoFactorCommand(Password));

        Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new ConfirmTwoFactorCommand(CodeFor(first.Secret, App.CurrentTime))));
        var codes = await App.SendAsync(new ConfirmTwoFactorCommand(CodeFor(second.Secret, App.CurrentTime)));

        Assert.That(codes.RecoveryCodes, Has.Count.EqualTo(10));
        Assert.That(App.StoredMfaEnrolments.Single().IsEnabled, Is.True);
    }

    [Test]
    public async Task Confirm_turns_it_on_with_ten_hashed_recovery_codes_and_setup_is_then_refused()
    {
        var (_, codes) = await EnrolAsync();

        var enrolment = App.StoredMfaEnrolments.Single();
        Assert.Multiple(() =>
        {
            Assert.That(enrolment.IsEnabled, Is.True);
            Assert.That(enrolment.RecoveryCodeHashes, Is.EqualTo(codes.Select(RecoveryCodes.Hash)));
            Assert.That(App.AuditEvents.Select(a => a.Action), Does.Contain(AuditActions.MfaEnable));
        });
        Assert.ThrowsAsync<Domain.Common.DomainException>(() => App.SendAsync(new SetUpTwoFactorCommand(Password)));
        Assert.ThrowsAsync<Domain.Common.DomainException>(() => App.SendAsync(new ConfirmTwoFactorCommand("123456")));
    }

    [Test]
    public async Task Confirm_without_a_setup_is_refused()
    {
        Assert.ThrowsAsync<Domain.Common.DomainException>(() => App.SendAsync(new ConfirmTwoFactorCommand("123456")));
        Assert.That(await App.SendAsync(new GetTwoFactorStatusQuery()), Is.EqualTo(new TwoFactorStatusDto(false, false, null, 0)));
    }

    [Test]
    public async Task The_code_that_confirmed_enrolment_cannot_complete_a_sign_in()
    {
        var setup = await App.SendAsync(new SetUpTwoFactorCommand(Password));
        var code = CodeFor(setup.Secret, App.CurrentTime);
        await App.SendAsync(new ConfirmTwoFactorCommand(code));

        var mfaToken = await FirstFactorAsync();

        Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, code)));
    }

    [Test]
    public async Task With_the_factor_on_sign_in_returns_a_five_minute_challenge_instead_of_a_session()
    {
        await EnrolAsync();
        var sessionsBefore = App.StoredSessions.Count();

        var result = await App.SendAsync(new LoginCommand("dj_nova", Password));

        var challenge = App.StoredAccountTokens.Single(t => t.Purpose == AccountTokenPurpose.MfaChallenge);
        Assert.Multiple(() =>
        {
            Assert.That(result.MfaRequired, Is.True);
            Assert.That(result.AccessToken, Is.Null);
            Assert.That(result.RefreshToken, Is.Null);
            Assert.That(result.MfaTokenExpiresAt, Is.EqualTo(App.CurrentTime.AddMinutes(5)));
            Assert.That(challenge.TokenHash, Is.EqualTo("sha:" + result.MfaToken), "only the hash is kept");
            Assert.That(App.StoredSessions.Count(), Is.EqualTo(sessionsBefore));
        });
    }

    [Test]
    public async Task Verify_with_a_right_code_spends_the_challenge_and_starts_a_session()
    {
        var (secret, _) = await EnrolAsync();
        var mfaToken = await FirstFactorAsync();

        var result = await App.SendAsync(new VerifyTwoFactorCommand(mfaToken, CodeFor(secret, App.CurrentTime)));

        Assert.Multiple(() =>
        {
            Assert.That(result.MfaRequired, Is.False);
            Assert.That(result.AccessToken, Is.Not.Null);
            Assert.That(App.StoredSessions.Count(), Is.EqualTo(2));
            Assert.That(App.StoredAccountTokens.Single().RedeemedAt, Is.EqualTo(App.CurrentTime));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.MfaVerify, AuditOutcomes.Success, _user.Id, "code")));
        });
        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, CodeFor(secret, App.CurrentTime.AddSeconds(30)))));
    }

    [Test]
    public async Task A_wrong_code_is_counted_and_committed_but_leaves_the_challenge_usable()
    {
        var (secret, _) = await EnrolAsync();
        var mfaToken = await FirstFactorAsync();
        var wrong = CodeFor(secret, App.CurrentTime.AddMinutes(10));

        var refused = Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, wrong)));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Errors.Single().Field, Is.EqualTo("code"));
            Assert.That(App.StoredAccountTokens.Single().RedeemedAt, Is.Null);
            Assert.That(App.StoredThrottles.Values.Single(t => t.Scope == LoginThrottlePolicy.SecondFactor.Scope).Failures, Is.EqualTo(1));
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.MfaVerify, AuditOutcomes.Failure, _user.Id, "wrong code")));
        });
        await App.Transaction.Received().CommitAsync(Arg.Any<CancellationToken>());
        Assert.That((await App.SendAsync(new VerifyTwoFactorCommand(mfaToken, CodeFor(secret, App.CurrentTime)))).MfaRequired, Is.False);
    }

    [Test]
    public async Task Five_wrong_codes_lock_the_second_step_even_for_the_right_code_and_the_lock_passes()
    {
        var (secret, _) = await EnrolAsync();
        var mfaToken = await FirstFactorAsync();
        for (var i = 0; i < LoginThrottlePolicy.SecondFactor.MaxFailures; i++)
        {
            Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, "000000")));
        }

        var locked = Assert.ThrowsAsync<RateLimitedException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, CodeFor(secret, App.CurrentTime))));
        Assert.That(locked!.RetryAfter, Is.EqualTo(LoginThrottlePolicy.SecondFactor.FirstLock));

        App.CurrentTime += LoginThrottlePolicy.SecondFactor.FirstLock;
        var signedIn = await App.SendAsync(new VerifyTwoFactorCommand(await FirstFactorAsync(), CodeFor(secret, App.CurrentTime)));
        Assert.That(signedIn.MfaRequired, Is.False);
        Assert.That(App.StoredThrottles.Values.Single(t => t.Scope == LoginThrottlePolicy.SecondFactor.Scope).Failures, Is.Zero, "a success clears the count");
    }

    [Test]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, codes) = await EnrolAsync();

        var result = await App.SendAsync(new VerifyTwoFactorCommand(await FirstFactorAsync(), RecoveryCode: codes[3].ToUpperInvariant()));
        Assert.That(result.MfaRequired, Is.False);
        Assert.That(App.StoredMfaEnrolments.Single().RecoveryCodeHashes, Has.Count.EqualTo(9));

        var again = await FirstFactorAsync();
        var reused = Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new VerifyTwoFactorCommand(again, RecoveryCode: codes[3])));
        Assert.That(reused!.Errors.Single().Field, Is.EqualTo("recovery_code"));
        Assert.That(await App.SendAsync(new GetTwoFactorStatusQuery()), Is.EqualTo(new TwoFactorStatusDto(true, false, ApplicationHarness.Now, 9)));
    }

    [Test]
    public async Task Regenerating_needs_a_code_and_retires_every_earlier_recovery_code()
    {
        var (secret, old) = await EnrolAsync();

        Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new RegenerateRecoveryCodesCommand("000000")));
        var fresh = await App.SendAsync(new RegenerateRecoveryCodesCommand(CodeFor(secret, App.CurrentTime)));

        Assert.That(fresh.RecoveryCodes, Has.Count.EqualTo(10).And.No.AnyOf(old.ToArray()));
        var mfaToken = await FirstFactorAsync();
        Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, RecoveryCode: old[0])));
        Assert.That((await App.SendAsync(new VerifyTwoFactorCommand(await FirstFactorAsync(), RecoveryCode: fresh.RecoveryCodes[0]))).MfaRequired, Is.False);
        Assert.That(App.AuditEvents.Select(a => a.Action), Does.Contain(AuditActions.MfaRecoveryCodesRegenerate));
    }

    [Test]
    public async Task Disabling_needs_the_password_and_a_code_and_sign_in_then_needs_no_second_step()
    {
        var (_, codes) = await EnrolAsync();

        Assert.ThrowsAsync<IncorrectPasswordException>(() => App.SendAsync(new DisableTwoFactorCommand("not-my-password", RecoveryCode: codes[0])));
        Assert.ThrowsAsync<IncorrectSecondFactorException>(() => App.SendAsync(new DisableTwoFactorCommand(Password, "000000")));
        await App.SendAsync(new DisableTwoFactorCommand(Password, RecoveryCode: codes[0]));

        Assert.That(App.StoredMfaEnrolments, Is.Empty);
        Assert.That((await App.SendAsync(new LoginCommand("dj_nova", Password))).MfaRequired, Is.False);
        Assert.ThrowsAsync<Domain.Common.DomainException>(() => App.SendAsync(new DisableTwoFactorCommand(Password, "123456")));
    }

    [Test]
    public async Task A_challenge_issued_before_the_factor_was_turned_off_no_longer_signs_in()
    {
        var (secret, codes) = await EnrolAsync();
        var mfaToken = await FirstFactorAsync();
        await App.SendAsync(new DisableTwoFactorCommand(Password, RecoveryCode: codes[0]));

        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new VerifyTwoFactorCommand(mfaToken, CodeFor(secret, App.CurrentTime))));
    }

    [Test]
    public async Task A_secret_sealed_under_a_retired_key_is_sealed_again_under_the_current_one()
    {
        var (secret, _) = await EnrolAsync();
        App.SecretProtector.CurrentKeyId = "rotated";

        await App.SendAsync(new VerifyTwoFactorCommand(await FirstFactorAsync(), CodeFor(secret, App.CurrentTime)));

        Assert.That(App.StoredMfaEnrolments.Single().SecretKeyId, Is.EqualTo("rotated"));
    }

    [TestCase(null, null)]
    [TestCase("123456", "abcdef-abcdef-abcdef-abcdef")]
    [TestCase("12345", null)]
    public void Verify_takes_exactly_one_well_formed_proof(string? code, string? recoveryCode)
    {
        var refused = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new VerifyTwoFactorCommand("token", code, recoveryCode)));
        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("code"));
    }

    [Test]
    public async Task With_require_mfa_for_admins_an_admin_without_a_second_factor_is_refused_admin_requests_until_enrolled()
    {
        _user.ChangeRole(Role.Admin, ApplicationHarness.Now);
        App.SignInAs(_user, App.StoredSessions.Single().Id);
        Assert.That(await App.SendAsync(new GetSettingsQuery()), Is.Not.Null, "the setting is off by default");

        App.Settings = App.Settings with { RequireMfaForAdmins = true };
        Assert.ThrowsAsync<SecondFactorRequiredException>(() => App.SendAsync(new GetSettingsQuery()));
        Assert.That((await App.SendAsync(new GetTwoFactorStatusQuery())).Enabled, Is.False, "what any user may do still works");

        await EnrolAsync();
        Assert.That(await App.SendAsync(new GetSettingsQuery()), Is.Not.Null);
    }

    [Test]
    public async Task Require_mfa_for_admins_leaves_moderators_alone()
    {
        _user.ChangeRole(Role.Moderator, ApplicationHarness.Now);
        App.SignInAs(_user, App.StoredSessions.Single().Id);
        App.Settings = App.Settings with { RequireMfaForAdmins = true };

        Assert.DoesNotThrowAsync(() => App.SendAsync(new Admin.Queries.GetDashboard.GetDashboardQuery()));
    }
}
