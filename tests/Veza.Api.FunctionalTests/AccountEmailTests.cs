using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Address verification, password reset, change of address and magic links over HTTP, with the emails
/// read back from the real SMTP server (maildev). Every test mails addresses of its own.
/// </summary>
public class AccountEmailTests : ApiTestBase
{
    public const string LinkBase = "https://app.veza.test";

    private readonly MailDev _mail = MailDev.Connect();
    private readonly ShiftedClock _clock = new();

    /// <summary>Email over SMTP to maildev (the factory already lifts the per-IP policies).</summary>
    public static Dictionary<string, string?> SmtpSettings() => new()
    {
        ["Email:Transport"] = "smtp",
        ["Email:Smtp:Host"] = TestServers.Smtp.Split(':')[0],
        ["Email:Smtp:Port"] = TestServers.Smtp.Split(':')[1],
        ["Email:Smtp:EnableTls"] = "false",
        ["Email:FromAddress"] = "no-reply@veza.test",
        ["Email:LinkBaseUrl"] = LinkBase,
    };

    protected override IReadOnlyDictionary<string, string?>? Settings => SmtpSettings();

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IClock>(_clock));

    [SetUp]
    public void StopTheClockShift() => _clock.Shift = TimeSpan.Zero;

    [Test]
    public async Task Registration_mails_a_verification_link_that_verifies_the_address_once()
    {
        var (email, tokens) = await RegisterUniqueAsync("verify");

        var mail = await _mail.WaitForOneAsync(email, "Verify");
        Assert.That(mail.LinkTo("verify-email"), Does.StartWith($"{LinkBase}/verify-email?token="));
        Assert.That(mail.Html, Does.Contain("<a href=\"" + LinkBase + "/verify-email?token="));
        Assert.That(mail.MessageId, Does.EndWith("@veza.test>"));
        Assert.That((await MeAsync(tokens))["email_verified"]!.GetValue<bool>(), Is.False);

        using var verified = await PostAsync("/api/v1/auth/verify-email", new { token = mail.Token });
        var body = await BodyAsync(verified);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["data"]!["email_verified"]!.GetValue<bool>(), Is.True);
        Assert.That((await MeAsync(tokens))["email_verified"]!.GetValue<bool>(), Is.True);

        using var reused = await PostAsync("/api/v1/auth/verify-email", new { token = mail.Token });
        await AssertTokenRefusedAsync(reused);
    }

    [Test]
    public async Task A_resent_verification_link_supersedes_the_older_one_and_a_verified_address_gets_a_clear_409()
    {
        var (email, tokens) = await RegisterUniqueAsync("resend");
        var first = await _mail.WaitForOneAsync(email, "Verify");

        using var resent = await PostAsync("/api/v1/auth/verify-email/resend", new { }, tokens.AccessToken);
        Assert.That(resent.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await resent.Content.ReadAsStringAsync());
        var second = (await _mail.WaitForAsync(email, 2, "Verify"))[1];

        using var superseded = await PostAsync("/api/v1/auth/verify-email", new { token = first.Token });
        await AssertTokenRefusedAsync(superseded);
        using var verified = await PostAsync("/api/v1/auth/verify-email", new { token = second.Token });
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var again = await PostAsync("/api/v1/auth/verify-email/resend", new { }, tokens.AccessToken);
        var conflict = await AssertErrorAsync(again, HttpStatusCode.Conflict, "CONFLICT");
        Assert.That(conflict["error"]!["message"]!.GetValue<string>(), Does.Contain("already verified"));
    }

    [Test]
    public async Task Forgot_password_and_magic_link_answer_identically_for_known_and_unknown_addresses()
    {
        var (email, _) = await RegisterUniqueAsync("enum");
        var unknown = MailDev.UniqueAddress("nobody");

        foreach (var path in new[] { "/api/v1/auth/forgot-password", "/api/v1/auth/magic-link" })
        {
            using var forKnown = await PostAsync(path, new { email });
            using var forUnknown = await PostAsync(path, new { email = unknown });

            Assert.That(forKnown.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), path);
            Assert.That(forUnknown.StatusCode, Is.EqualTo(forKnown.StatusCode), path);
            Assert.That(WithoutMeta(await BodyAsync(forUnknown)), Is.EqualTo(WithoutMeta(await BodyAsync(forKnown))), path);
        }

        await _mail.WaitForOneAsync(email, "Reset");
        await _mail.WaitForOneAsync(email, "sign-in link");
        Assert.That(await _mail.ReceivedByAsync(unknown), Is.Empty);
    }

    [Test]
    public async Task Resetting_the_password_applies_the_rules_signs_out_every_session_and_notifies_the_owner()
    {
        var (email, tokens) = await RegisterUniqueAsync("reset");
        var second = await LoginAsync(email);
        using (var asked = await PostAsync("/api/v1/auth/forgot-password", new { email }))
        {
            Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var link = await _mail.WaitForOneAsync(email, "Reset your password");
        Assert.That(link.LinkTo("reset-password"), Does.StartWith($"{LinkBase}/reset-password?token="));

        using var weak = await PostAsync("/api/v1/auth/reset-password", new { token = link.Token, new_password = "password" });
        await AssertErrorAsync(weak, HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        using var reset = await PostAsync("/api/v1/auth/reset-password", new { token = link.Token, new_password = "amber-reel-to-reel-7" });
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reset.Content.ReadAsStringAsync());

        foreach (var session in new[] { tokens, second })
        {
            using var me = await GetAsync("/api/v1/users/me", session.AccessToken);
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "every access token stops at once");
            using var refreshed = await PostAsync("/api/v1/auth/refresh", new { refresh_token = session.RefreshToken });
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id AND revoked_reason = 'password_reset'", ("id", tokens.UserId)), Is.EqualTo(2));
        await LoginAsync(email, "amber-reel-to-reel-7");
        var notice = await _mail.WaitForOneAsync(email, "Your password was reset");
        Assert.That(notice.Text, Does.Not.Contain("token="));

        using var reused = await PostAsync("/api/v1/auth/reset-password", new { token = link.Token, new_password = "another-long-secret-9" });
        await AssertTokenRefusedAsync(reused);
    }

    [Test]
    public async Task A_reset_link_is_refused_once_30_minutes_have_passed_and_when_a_newer_one_was_sent()
    {
        var (email, _) = await RegisterUniqueAsync("expiry");
        await PostAsync("/api/v1/auth/forgot-password", new { email });
        var first = await _mail.WaitForOneAsync(email, "Reset your password");
        await PostAsync("/api/v1/auth/forgot-password", new { email });
        var second = (await _mail.WaitForAsync(email, 2, "Reset your password"))[1];

        using var superseded = await PostAsync("/api/v1/auth/reset-password", new { token = first.Token, new_password = "amber-reel-to-reel-7" });
        await AssertTokenRefusedAsync(superseded);

        _clock.Shift = TimeSpan.FromMinutes(30);
        using var expired = await PostAsync("/api/v1/auth/reset-password", new { token = second.Token, new_password = "amber-reel-to-reel-7" });
        await AssertTokenRefusedAsync(expired);
        await AssertRefusedAsAsync("password_reset: expired");
    }

    [Test]
    public async Task Changing_the_address_mails_both_addresses_and_moves_the_account_only_when_the_link_is_used()
    {
        var (email, tokens) = await RegisterUniqueAsync("move");
        var newEmail = MailDev.UniqueAddress("moved");

        using var wrongPassword = await PostAsync("/api/v1/users/me/email", new { new_email = newEmail, password = "not-my-password" }, tokens.AccessToken);
        await AssertErrorAsync(wrongPassword, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        using var asked = await PostAsync("/api/v1/users/me/email", new { new_email = newEmail, password = Password }, tokens.AccessToken);
        Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await asked.Content.ReadAsStringAsync());

        var confirmation = await _mail.WaitForOneAsync(newEmail, "Confirm your new email address");
        var notice = await _mail.WaitForOneAsync(email, "about to change");
        Assert.That(notice.Text, Does.Not.Contain("token="));
        Assert.That(confirmation.LinkTo("confirm-email-change"), Does.StartWith($"{LinkBase}/confirm-email-change?token="));
        Assert.That((await MeAsync(tokens))["email"]!.GetValue<string>(), Is.EqualTo(email), "nothing changes before the link is used");

        using var confirmed = await PostAsync("/api/v1/auth/email-change/confirm", new { token = confirmation.Token });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());

        var me = await MeAsync(tokens);
        Assert.That(me["email"]!.GetValue<string>(), Is.EqualTo(newEmail));
        Assert.That(me["email_verified"]!.GetValue<bool>(), Is.True);
        await LoginAsync(newEmail);
        using var reused = await PostAsync("/api/v1/auth/email-change/confirm", new { token = confirmation.Token });
        await AssertTokenRefusedAsync(reused);
    }

    [Test]
    public async Task A_password_reset_cancels_a_pending_email_change_so_whoever_asked_for_it_cannot_take_the_account()
    {
        var (email, tokens) = await RegisterUniqueAsync("held");
        var attackerAddress = MailDev.UniqueAddress("attacker");
        await PostAsync("/api/v1/users/me/email", new { new_email = attackerAddress, password = Password }, tokens.AccessToken);
        var confirmation = await _mail.WaitForOneAsync(attackerAddress, "Confirm your new email address");

        await PostAsync("/api/v1/auth/forgot-password", new { email });
        var reset = await _mail.WaitForOneAsync(email, "Reset your password");
        using var resetDone = await PostAsync("/api/v1/auth/reset-password", new { token = reset.Token, new_password = "a-brand-new-passphrase-77" });
        using var late = await PostAsync("/api/v1/auth/email-change/confirm", new { token = confirmation.Token });

        Assert.That(resetDone.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resetDone.Content.ReadAsStringAsync());
        await AssertTokenRefusedAsync(late);
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users WHERE id = @u", ("u", tokens.UserId)), Is.EqualTo(email));
    }

    [Test]
    public async Task Confirming_an_address_someone_registered_meanwhile_is_409_and_changes_nothing()
    {
        var (email, tokens) = await RegisterUniqueAsync("race");
        var newEmail = MailDev.UniqueAddress("contested");
        await PostAsync("/api/v1/users/me/email", new { new_email = newEmail, password = Password }, tokens.AccessToken);
        var confirmation = await _mail.WaitForOneAsync(newEmail, "Confirm your new email address");
        await RegisterAsync("rival_" + Guid.NewGuid().ToString("N")[..8], newEmail);

        using var confirmed = await PostAsync("/api/v1/auth/email-change/confirm", new { token = confirmation.Token });

        await AssertErrorAsync(confirmed, HttpStatusCode.Conflict, "CONFLICT");
        Assert.That((await MeAsync(tokens))["email"]!.GetValue<string>(), Is.EqualTo(email));
    }

    [Test]
    public async Task A_magic_link_signs_in_once_and_an_older_one_is_superseded()
    {
        var (email, _) = await RegisterUniqueAsync("magic");
        await PostAsync("/api/v1/auth/magic-link", new { email });
        var first = await _mail.WaitForOneAsync(email, "sign-in link");
        await PostAsync("/api/v1/auth/magic-link", new { email });
        var second = (await _mail.WaitForAsync(email, 2, "sign-in link"))[1];
        Assert.That(second.LinkTo("magic-link"), Does.StartWith($"{LinkBase}/magic-link?token="));

        using var superseded = await PostAsync("/api/v1/auth/magic-link/verify", new { token = first.Token });
        await AssertTokenRefusedAsync(superseded);

        using var signedIn = await PostAsync("/api/v1/auth/magic-link/verify", new { token = second.Token });
        var body = await BodyAsync(signedIn);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["data"]!["mfa_required"]!.GetValue<bool>(), Is.False);
        using var me = await GetAsync("/api/v1/users/me", body["data"]!["access_token"]!.GetValue<string>());
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Database.ScalarAsync<DateTime?>("SELECT last_login_at FROM users WHERE normalized_email = @e", ("e", email)), Is.Not.Null);

        using var reused = await PostAsync("/api/v1/auth/magic-link/verify", new { token = second.Token });
        await AssertTokenRefusedAsync(reused);
    }

    [Test]
    public async Task The_owners_first_magic_link_takes_back_an_account_someone_else_registered_at_the_address()
    {
        // Pre-account hijacking: a squatter registers the address with a password and links their own provider account.
        var (email, squatter) = await RegisterUniqueAsync("squatted");
        await Database.ScalarAsync<int>(
            "INSERT INTO user_identities (id, user_id, provider, subject, email, linked_at) VALUES (gen_random_uuid(), @id, 'github', 'evil-7', 'evil@example.com', now()) RETURNING 1",
            ("id", squatter.UserId));
        await PostAsync("/api/v1/auth/magic-link", new { email });
        var link = await _mail.WaitForOneAsync(email, "sign-in link");

        using var signedIn = await PostAsync("/api/v1/auth/magic-link/verify", new { token = link.Token });
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signedIn.Content.ReadAsStringAsync());

        using var squatterMe = await GetAsync("/api/v1/users/me", squatter.AccessToken);
        var username = await Database.ScalarAsync<string>("SELECT username FROM users WHERE id = @id", ("id", squatter.UserId));
        using var squatterLogin = await PostAsync("/api/v1/auth/login", new { login = username, password = Password });
        Assert.Multiple(async () =>
        {
            Assert.That(squatterMe.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the squatter's session ends");
            Assert.That(squatterLogin.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the squatter's password stops working");
            Assert.That(await Database.ScalarAsync<bool>("SELECT password_hash IS NULL AND email_verified_at IS NOT NULL FROM users WHERE id = @id", ("id", squatter.UserId)), Is.True);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.Zero, "the squatter's provider no longer signs in");
            Assert.That(await Database.ScalarAsync<string>("SELECT revoked_reason FROM sessions WHERE user_id = @id ORDER BY created_at LIMIT 1", ("id", squatter.UserId)), Is.EqualTo("address_owner_claimed"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.address_owner_claim' AND actor_user_id = @id", ("id", squatter.UserId)), Is.EqualTo(1));
        });
    }

    [TestCase("suspended", "ACCOUNT_SUSPENDED")]
    [TestCase("banned", "ACCOUNT_BANNED")]
    public async Task A_magic_link_of_a_suspended_or_banned_account_is_refused_with_403_and_no_session(string status, string code)
    {
        var (email, tokens) = await RegisterUniqueAsync(status);
        await PostAsync("/api/v1/auth/magic-link", new { email });
        var link = await _mail.WaitForOneAsync(email, "sign-in link");
        await Database.ScalarAsync<int>("UPDATE users SET status = @status, status_reason = 'tests' WHERE id = @id RETURNING 1", ("status", status), ("id", tokens.UserId));

        using var refused = await PostAsync("/api/v1/auth/magic-link/verify", new { token = link.Token });

        await AssertErrorAsync(refused, HttpStatusCode.Forbidden, code);
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id", ("id", tokens.UserId)), Is.EqualTo(1), "only the registration's session");
            Assert.That(await Database.ScalarAsync<DateTime?>("SELECT last_login_at FROM users WHERE id = @id", ("id", tokens.UserId)), Is.Null);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM account_tokens WHERE purpose = 'magic_link' AND redeemed_at IS NULL AND user_id = @id", ("id", tokens.UserId)), Is.EqualTo(1),
                "the refusal does not spend the link");
        });
    }

    [Test]
    public async Task With_two_factor_on_a_magic_link_asks_for_the_second_step_and_a_valid_code_gives_the_token_pair()
    {
        // Five minutes behind real time, so moving a minute forward later keeps the access tokens valid for the real JWT check.
        _clock.Shift = TimeSpan.FromMinutes(-5);
        var (email, tokens) = await RegisterUniqueAsync("magic2fa");
        // Verified first: a magic link that is the address's first proof would take the account back, second factor included (0028).
        using (var verified = await PostAsync("/api/v1/auth/verify-email", new { token = (await _mail.WaitForOneAsync(email, "Verify")).Token }))
        {
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
        }

        string secret;
        using (var setup = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken))
        {
            var body = await BodyAsync(setup);
            Assert.That(setup.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            secret = body["data"]!["secret"]!.GetValue<string>();
        }

        using (var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = TotpNow(secret) }, tokens.AccessToken))
        {
            Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirm.Content.ReadAsStringAsync());
        }

        // Two steps on: the code that confirmed enrolment counts as used.
        _clock.Shift += TimeSpan.FromSeconds(2 * Totp.StepSeconds);
        await PostAsync("/api/v1/auth/magic-link", new { email });
        var link = await _mail.WaitForOneAsync(email, "sign-in link");

        using var firstStep = await PostAsync("/api/v1/auth/magic-link/verify", new { token = link.Token });
        var challenge = await BodyAsync(firstStep);
        Assert.That(firstStep.StatusCode, Is.EqualTo(HttpStatusCode.OK), challenge.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(challenge["data"]!["mfa_required"]!.GetValue<bool>(), Is.True);
            Assert.That(challenge["data"]!["mfa_token"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(challenge["data"]!["access_token"], Is.Null, "no token before the second step");
        });
        var sessionsBefore = await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id", ("id", tokens.UserId));

        using var secondStep = await PostAsync("/api/v1/auth/2fa/verify", new { mfa_token = challenge["data"]!["mfa_token"]!.GetValue<string>(), code = TotpNow(secret) });
        var pair = await BodyAsync(secondStep);
        Assert.That(secondStep.StatusCode, Is.EqualTo(HttpStatusCode.OK), pair.ToJsonString());
        var signedIn = Tokens.From(pair);
        Assert.That(pair["data"]!["mfa_required"]!.GetValue<bool>(), Is.False);
        Assert.That(signedIn.UserId, Is.EqualTo(tokens.UserId));
        Assert.That(signedIn.RefreshToken, Is.Not.Empty);
        Assert.That((await MeAsync(signedIn))["email"]!.GetValue<string>(), Is.EqualTo(email));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id", ("id", tokens.UserId)), Is.EqualTo(sessionsBefore + 1), "the session starts at the second step");
    }

    [Test]
    public async Task A_magic_link_is_refused_once_15_minutes_have_passed()
    {
        var (email, tokens) = await RegisterUniqueAsync("late_magic");
        await PostAsync("/api/v1/auth/magic-link", new { email });
        var link = await _mail.WaitForOneAsync(email, "sign-in link");

        _clock.Shift = TimeSpan.FromMinutes(15);
        using var expired = await PostAsync("/api/v1/auth/magic-link/verify", new { token = link.Token });

        await AssertTokenRefusedAsync(expired);
        await AssertRefusedAsAsync("magic_link: expired");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id", ("id", tokens.UserId)), Is.EqualTo(1), "only the registration's session");
    }

    [Test]
    public async Task A_verification_link_is_refused_once_24_hours_have_passed()
    {
        var (email, tokens) = await RegisterUniqueAsync("late_verify");
        var link = await _mail.WaitForOneAsync(email, "Verify");

        _clock.Shift = TimeSpan.FromHours(24);
        using var expired = await PostAsync("/api/v1/auth/verify-email", new { token = link.Token });

        await AssertTokenRefusedAsync(expired);
        await AssertRefusedAsAsync("email_verification: expired");
        Assert.That(await Database.ScalarAsync<DateTime?>("SELECT email_verified_at FROM users WHERE id = @id", ("id", tokens.UserId)), Is.Null);
    }

    [Test]
    public async Task An_email_change_link_is_refused_once_24_hours_have_passed()
    {
        var (email, tokens) = await RegisterUniqueAsync("late_move");
        var newEmail = MailDev.UniqueAddress("late_moved");
        await PostAsync("/api/v1/users/me/email", new { new_email = newEmail, password = Password }, tokens.AccessToken);
        var confirmation = await _mail.WaitForOneAsync(newEmail, "Confirm your new email address");

        _clock.Shift = TimeSpan.FromHours(24);
        using var expired = await PostAsync("/api/v1/auth/email-change/confirm", new { token = confirmation.Token });

        await AssertTokenRefusedAsync(expired);
        await AssertRefusedAsAsync("email_change: expired");
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users WHERE id = @id", ("id", tokens.UserId)), Is.EqualTo(email));
    }

    [Test]
    public async Task A_second_email_change_request_makes_the_first_link_useless()
    {
        var (email, tokens) = await RegisterUniqueAsync("twice");
        var firstAddress = MailDev.UniqueAddress("first_choice");
        var secondAddress = MailDev.UniqueAddress("second_choice");
        await PostAsync("/api/v1/users/me/email", new { new_email = firstAddress, password = Password }, tokens.AccessToken);
        var first = await _mail.WaitForOneAsync(firstAddress, "Confirm your new email address");
        await PostAsync("/api/v1/users/me/email", new { new_email = secondAddress, password = Password }, tokens.AccessToken);
        var second = await _mail.WaitForOneAsync(secondAddress, "Confirm your new email address");

        using var superseded = await PostAsync("/api/v1/auth/email-change/confirm", new { token = first.Token });
        await AssertTokenRefusedAsync(superseded);
        await AssertRefusedAsAsync("email_change: superseded");
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users WHERE id = @id", ("id", tokens.UserId)), Is.EqualTo(email), "the first address never takes the account");

        using var confirmed = await PostAsync("/api/v1/auth/email-change/confirm", new { token = second.Token });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users WHERE id = @id", ("id", tokens.UserId)), Is.EqualTo(secondAddress));
    }

    [Test]
    public async Task A_registration_that_rolls_back_queues_no_email()
    {
        var (email, _) = await RegisterUniqueAsync("rollback");
        using var taken = await PostAsync("/api/v1/auth/register", new { username = "other_" + Guid.NewGuid().ToString("N")[..8], email, password = Password });

        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'email.send'"), Is.EqualTo(1));
    }

    private async Task<(string Email, Tokens Tokens)> RegisterUniqueAsync(string name)
    {
        var email = MailDev.UniqueAddress(name);
        var tokens = await RegisterAsync($"{name}_{Guid.NewGuid().ToString("N")[..8]}", email);
        return (email, tokens);
    }

    private async Task<JsonNode> MeAsync(Tokens tokens)
    {
        using var me = await GetAsync("/api/v1/users/me", tokens.AccessToken);
        return (await BodyAsync(me))["data"]!;
    }

    /// <summary>The audit trail's reason for the latest refused token ("purpose: outcome"): the answer is the same for all.</summary>
    private async Task AssertRefusedAsAsync(string detail) =>
        Assert.That(await Database.ScalarAsync<string>("SELECT detail FROM audit_events WHERE action = 'auth.account_token_refused' ORDER BY occurred_at DESC LIMIT 1"), Is.EqualTo(detail));

    private string TotpNow(string secret) => Totp.Code(Base32.Decode(secret), Totp.StepAt(_clock.UtcNow));

    private static async Task AssertTokenRefusedAsync(HttpResponseMessage response)
    {
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("token"));
    }

    /// <summary>The body without its meta (request id, time), to compare two answers word for word.</summary>
    internal static string WithoutMeta(JsonNode body)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove("meta");
        return copy.ToJsonString();
    }

    /// <summary>The system clock, moved forward by a test (tokens' expiry) without waiting.</summary>
    private sealed class ShiftedClock : IClock
    {
        public TimeSpan Shift { get; set; }

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + Shift;
    }
}
