using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// TOTP two-factor authentication over HTTP against PostgreSQL. The API's clock is a hand-moved one, set
/// a few minutes behind real time (access tokens it signs stay valid for the real JWT check), so tests
/// walk across 30-second steps without waiting. Codes come from Totp.Code, held to RFC 6238's vectors.
/// </summary>
public class TwoFactorTests : ApiTestBase
{
    private readonly ManualClock _clock = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IClock>(_clock);

    /// <summary>No background work here: nothing of it runs on the hand-moved clock, or races the next test's reset.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:WorkerEnabled"] = "false",
        ["Outbox:RelayEnabled"] = "false",
    };

    /// <summary>The start of a step ten minutes ago: every test starts on a step edge.</summary>
    [SetUp]
    public void StartOnAStepEdge()
    {
        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        _clock.Set(DateTimeOffset.FromUnixTimeSeconds(tenMinutesAgo - (tenMinutesAgo % Totp.StepSeconds)));
    }

    private string CodeAt(string secret, TimeSpan offset = default) => Totp.Code(Base32.Decode(secret), Totp.StepAt(_clock.UtcNow + offset));

    private void NextStep() => _clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));

    private static async Task<JsonNode> DataAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["data"]!;
    }

    private async Task<(Tokens Tokens, string Secret, string[] RecoveryCodes)> EnrolledUserAsync(string username = "dj_nova")
    {
        var tokens = await RegisterAsync(username, $"{username}@example.com");
        using var setup = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken);
        var secret = (await DataAsync(setup))["secret"]!.GetValue<string>();
        using var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secret) }, tokens.AccessToken);
        var codes = (await DataAsync(confirm))["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        NextStep();
        return (tokens, secret, codes);
    }

    private async Task<string> FirstFactorAsync(string login = "dj_nova")
    {
        using var response = await PostAsync("/api/v1/auth/login", new { login, password = Password });
        var data = await DataAsync(response);
        Assert.That(data["mfa_required"]!.GetValue<bool>(), Is.True, data.ToJsonString());
        return data["mfa_token"]!.GetValue<string>();
    }

    private Task<HttpResponseMessage> VerifyAsync(string mfaToken, string? code = null, string? recoveryCode = null) =>
        PostAsync("/api/v1/auth/2fa/verify", recoveryCode is null ? new { mfa_token = mfaToken, code } : new { mfa_token = mfaToken, recovery_code = recoveryCode });

    private static async Task AssertRefusedOnAsync(HttpResponseMessage response, string field)
    {
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo(field));
    }

    [Test]
    public async Task Setup_and_confirm_store_an_encrypted_secret_and_hashed_recovery_codes()
    {
        var tokens = await RegisterAsync();

        using var setup = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken);
        var data = await DataAsync(setup);
        var secret = data["secret"]!.GetValue<string>();
        var png = Convert.FromBase64String(data["qr_code_png"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(Base32.Decode(secret), Has.Length.EqualTo(20));
            Assert.That(data["otpauth_uri"]!.GetValue<string>(), Is.EqualTo($"otpauth://totp/Veza:dj_nova?secret={secret}&issuer=Veza&algorithm=SHA1&digits=6&period=30"));
            Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        });
        var stored = await Database.ScalarAsync<string>("SELECT secret_key_id || ' ' || secret_ciphertext FROM mfa_enrolments WHERE user_id = @id AND enabled_at IS NULL", ("id", tokens.UserId));
        Assert.That(stored, Does.Not.Contain(secret).And.Not.Contain(Convert.ToBase64String(Base32.Decode(secret))), "sealed, not stored as given");
        using (var status = await GetAsync("/api/v1/auth/2fa", tokens.AccessToken))
        {
            Assert.That((await DataAsync(status)).ToJsonString(), Is.EqualTo("""{"enabled":false,"pending":true,"enabled_at":null,"recovery_codes_left":0}"""));
        }

        using var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secret) }, tokens.AccessToken);
        var codes = (await DataAsync(confirm))["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();

        Assert.That(codes, Has.Length.EqualTo(10).And.Unique);
        var hashes = await Database.ScalarAsync<string[]>("SELECT recovery_code_hashes FROM mfa_enrolments WHERE user_id = @id AND enabled_at IS NOT NULL", ("id", tokens.UserId));
        Assert.That(hashes, Is.EquivalentTo(codes.Select(RecoveryCodes.Hash)), "only hashes are stored");
        using (var status = await GetAsync("/api/v1/auth/2fa", tokens.AccessToken))
        {
            var now = await DataAsync(status);
            Assert.That(now["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(now["recovery_codes_left"]!.GetValue<int>(), Is.EqualTo(10));
        }

        var audit = await Database.ScalarAsync<string[]>("SELECT array_agg(action || ':' || outcome ORDER BY occurred_at, action) FROM audit_events WHERE action LIKE 'auth.mfa%'");
        Assert.That(audit, Is.EquivalentTo(new[] { "auth.mfa_setup:success", "auth.mfa_enable:success" }));
    }

    [Test]
    public async Task Setup_refuses_a_wrong_password_and_an_account_that_already_has_the_factor_on()
    {
        var (tokens, _, _) = await EnrolledUserAsync();

        using var wrong = await PostAsync("/api/v1/auth/2fa/setup", new { password = "not-my-password" }, tokens.AccessToken);
        await AssertRefusedOnAsync(wrong, "password");
        using var again = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken);
        await AssertErrorAsync(again, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        using var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = "123456" }, tokens.AccessToken);
        await AssertErrorAsync(confirm, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
    }

    [Test]
    public async Task A_second_setup_before_confirming_replaces_the_pending_secret()
    {
        var tokens = await RegisterAsync();
        using var first = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken);
        var firstSecret = (await DataAsync(first))["secret"]!.GetValue<string>();
        using var second = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken);
        var secondSecret = (await DataAsync(second))["secret"]!.GetValue<string>();

        using var stale = await PostAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(firstSecret) }, tokens.AccessToken);
        await AssertRefusedOnAsync(stale, "code");
        using var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secondSecret) }, tokens.AccessToken);
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Sign_in_with_the_factor_on_needs_the_code_and_the_mfa_token_then_works_once()
    {
        var (_, secret, _) = await EnrolledUserAsync();

        using var login = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password });
        var first = await DataAsync(login);
        Assert.Multiple(() =>
        {
            Assert.That(first["mfa_required"]!.GetValue<bool>(), Is.True);
            Assert.That(first["access_token"], Is.Null);
            Assert.That(first["refresh_token"], Is.Null);
            Assert.That(first["mfa_token_expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(_clock.UtcNow.AddMinutes(5)));
        });
        var mfaToken = first["mfa_token"]!.GetValue<string>();

        using var verify = await VerifyAsync(mfaToken, CodeAt(secret));
        var signedIn = await DataAsync(verify);
        Assert.That(signedIn["mfa_required"]!.GetValue<bool>(), Is.False);
        using (var me = await GetAsync("/api/v1/auth/me", signedIn["access_token"]!.GetValue<string>()))
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        NextStep();
        using var spent = await VerifyAsync(mfaToken, CodeAt(secret));
        await AssertRefusedOnAsync(spent, "mfa_token");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.mfa_verify' AND outcome = 'success'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_wrong_code_does_not_spend_the_mfa_token()
    {
        var (_, secret, _) = await EnrolledUserAsync();
        var mfaToken = await FirstFactorAsync();

        using var wrong = await VerifyAsync(mfaToken, CodeAt(secret, TimeSpan.FromMinutes(5)));
        await AssertRefusedOnAsync(wrong, "code");
        using var right = await VerifyAsync(mfaToken, CodeAt(secret));

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_expired_mfa_token_is_refused()
    {
        var (_, secret, _) = await EnrolledUserAsync();
        var mfaToken = await FirstFactorAsync();

        _clock.Advance(TimeSpan.FromMinutes(5));
        using var expired = await VerifyAsync(mfaToken, CodeAt(secret));

        await AssertRefusedOnAsync(expired, "mfa_token");
    }

    [Test]
    public async Task A_newer_sign_in_supersedes_the_earlier_mfa_token()
    {
        var (_, secret, _) = await EnrolledUserAsync();
        var earlier = await FirstFactorAsync();
        await FirstFactorAsync();

        using var superseded = await VerifyAsync(earlier, CodeAt(secret));

        await AssertRefusedOnAsync(superseded, "mfa_token");
    }

    [TestCase(-1, true)]
    [TestCase(1, true)]
    [TestCase(-2, false)]
    [TestCase(2, false)]
    public async Task A_code_is_accepted_one_step_either_side_of_the_server_clock_only(int stepsAway, bool accepted)
    {
        var (_, secret, _) = await EnrolledUserAsync();
        // On the very edge: the first instant of a step (earlier codes) or its last (later codes).
        NextStep();
        NextStep();
        var code = CodeAt(secret, TimeSpan.FromSeconds(stepsAway * Totp.StepSeconds));
        if (stepsAway > 0)
        {
            _clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds - 1));
        }

        using var verify = await VerifyAsync(await FirstFactorAsync(), code);

        if (accepted)
        {
            Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verify.Content.ReadAsStringAsync());
        }
        else
        {
            await AssertRefusedOnAsync(verify, "code");
        }
    }

    [Test]
    public async Task A_code_is_never_accepted_twice()
    {
        var (_, secret, _) = await EnrolledUserAsync();
        var code = CodeAt(secret);
        using (var first = await VerifyAsync(await FirstFactorAsync(), code))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var replay = await VerifyAsync(await FirstFactorAsync(), code);

        await AssertRefusedOnAsync(replay, "code");
    }

    [Test]
    public async Task The_code_that_confirmed_enrolment_counts_as_used()
    {
        var tokens = await RegisterAsync();
        using var setup = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, tokens.AccessToken);
        var secret = (await DataAsync(setup))["secret"]!.GetValue<string>();
        var code = CodeAt(secret);
        using (var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code }, tokens.AccessToken))
        {
            Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var replay = await VerifyAsync(await FirstFactorAsync(), code);

        await AssertRefusedOnAsync(replay, "code");
    }

    [Test]
    public async Task Two_concurrent_uses_of_one_code_cannot_both_win()
    {
        var (tokens, secret, _) = await EnrolledUserAsync();
        var code = CodeAt(secret);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync("/api/v1/auth/2fa/recovery-codes", new { code }, tokens.AccessToken)));

        Assert.That(responses.Select(r => (int)r.StatusCode).Order(), Is.EqualTo(new[] { 200, 400, 400, 400 }));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task A_recovery_code_signs_in_once()
    {
        var (tokens, _, codes) = await EnrolledUserAsync();

        using (var first = await VerifyAsync(await FirstFactorAsync(), recoveryCode: codes[0].ToUpperInvariant()))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        }

        using var reused = await VerifyAsync(await FirstFactorAsync(), recoveryCode: codes[0]);
        await AssertRefusedOnAsync(reused, "recovery_code");
        using var status = await GetAsync("/api/v1/auth/2fa", tokens.AccessToken);
        Assert.That((await DataAsync(status))["recovery_codes_left"]!.GetValue<int>(), Is.EqualTo(9));
    }

    [Test]
    public async Task Five_wrong_codes_lock_the_second_step_with_429_and_retry_after_until_the_lock_passes()
    {
        var (_, secret, _) = await EnrolledUserAsync();
        var mfaToken = await FirstFactorAsync();
        var wrong = CodeAt(secret, TimeSpan.FromMinutes(10));
        for (var i = 0; i < 5; i++)
        {
            using var refused = await VerifyAsync(mfaToken, wrong);
            await AssertRefusedOnAsync(refused, "code");
        }

        using var locked = await VerifyAsync(mfaToken, CodeAt(secret));
        await AssertErrorAsync(locked, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.That(locked.Headers.GetValues("Retry-After").Single(), Is.EqualTo("60"));
        using var fromAnotherEndpoint = await VerifyAsync(await FirstFactorAsync(), recoveryCode: "abcdef-abcdef-abcdef-abcdef");
        Assert.That(fromAnotherEndpoint.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the lock is the account's, whatever the proof");

        _clock.Advance(TimeSpan.FromMinutes(1));
        using var afterwards = await VerifyAsync(await FirstFactorAsync(), CodeAt(secret));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK), await afterwards.Content.ReadAsStringAsync());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.mfa_verify' AND outcome = 'failure'"), Is.EqualTo(5));
    }

    [Test]
    public async Task Disabling_needs_the_password_and_a_code_then_sign_in_asks_for_no_second_step()
    {
        var (tokens, secret, _) = await EnrolledUserAsync();

        using var wrongPassword = await PostAsync("/api/v1/auth/2fa/disable", new { password = "not-my-password", code = CodeAt(secret) }, tokens.AccessToken);
        await AssertRefusedOnAsync(wrongPassword, "password");
        using var wrongCode = await PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = CodeAt(secret, TimeSpan.FromMinutes(3)) }, tokens.AccessToken);
        await AssertRefusedOnAsync(wrongCode, "code");
        using var noCode = await PostAsync("/api/v1/auth/2fa/disable", new { password = Password }, tokens.AccessToken);
        await AssertRefusedOnAsync(noCode, "code");
        using var disable = await PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = CodeAt(secret) }, tokens.AccessToken);
        Assert.That((await DataAsync(disable))["enabled"]!.GetValue<bool>(), Is.False);

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM mfa_enrolments"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'email.send' AND payload->>'email' = 'two_factor_disabled_notice'"), Is.EqualTo(1),
            "the owner is told at their address, once (the refused attempts sent nothing)");
        await LoginAsync();
        using var again = await PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = CodeAt(secret) }, tokens.AccessToken);
        await AssertErrorAsync(again, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
    }

    [Test]
    public async Task A_lost_authenticator_can_be_turned_off_with_a_recovery_code()
    {
        var (tokens, _, codes) = await EnrolledUserAsync();

        using var disable = await PostAsync("/api/v1/auth/2fa/disable", new { password = Password, recovery_code = codes[9] }, tokens.AccessToken);

        Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await LoginAsync();
    }

    [Test]
    public async Task Regenerating_recovery_codes_needs_a_code_and_retires_the_old_ones()
    {
        var (tokens, secret, old) = await EnrolledUserAsync();

        using var noProof = await PostAsync("/api/v1/auth/2fa/recovery-codes", new { }, tokens.AccessToken);
        await AssertRefusedOnAsync(noProof, "code");
        using var regenerate = await PostAsync("/api/v1/auth/2fa/recovery-codes", new { code = CodeAt(secret) }, tokens.AccessToken);
        var fresh = (await DataAsync(regenerate))["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();

        Assert.That(fresh, Has.Length.EqualTo(10).And.No.AnyOf(old));
        using var oldCode = await VerifyAsync(await FirstFactorAsync(), recoveryCode: old[1]);
        await AssertRefusedOnAsync(oldCode, "recovery_code");
        using var newCode = await VerifyAsync(await FirstFactorAsync(), recoveryCode: fresh[1]);
        Assert.That(newCode.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.mfa_recovery_codes_regenerate' AND outcome = 'success'"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'email.send' AND payload->>'email' = 'recovery_codes_notice'"), Is.EqualTo(1), "the owner is told at their address");
    }

    [Test]
    public async Task Deleting_the_account_forgets_its_second_factor()
    {
        var (tokens, _, _) = await EnrolledUserAsync();

        using var delete = await SendAsync(HttpMethod.Delete, "/api/v1/users/me", new { password = Password }, tokens.AccessToken);

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM mfa_enrolments"), Is.Zero);
    }

    [TestCase("", "Mfa:EncryptionKey is required")]
    [TestCase("c2hvcnQ=", "exactly 32 bytes")]
    public void A_missing_or_malformed_encryption_key_stops_start_up(string key, string message)
    {
        using var factory = new VezaApiFactory(Database.ConnectionString, new Dictionary<string, string?> { ["Mfa:EncryptionKey"] = key });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient().Dispose());
        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public async Task The_endpoints_need_a_signed_in_caller_except_verify()
    {
        foreach (var path in new[] { "/api/v1/auth/2fa/setup", "/api/v1/auth/2fa/confirm", "/api/v1/auth/2fa/disable", "/api/v1/auth/2fa/recovery-codes" })
        {
            using var response = await PostAsync(path, new { password = Password, code = "123456" });
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using var verify = await VerifyAsync("not-a-token", "123456");
        await AssertRefusedOnAsync(verify, "mfa_token");
    }

    [Test]
    public async Task With_require_mfa_for_admins_an_admin_without_the_factor_gets_403_mfa_required_on_admin_routes_until_enrolled()
    {
        var registered = await RegisterAsync("admin_ana", "ana@example.com");
        await Database.ScalarAsync<int>("UPDATE users SET role = 'admin' WHERE id = @id RETURNING 1", ("id", registered.UserId));
        var admin = await LoginAsync("admin_ana");
        using (var turnOn = await PutAsync("/api/v1/admin/settings", new { require_mfa_for_admins = true }, admin.AccessToken))
        {
            Assert.That(turnOn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await turnOn.Content.ReadAsStringAsync());
        }

        using (var refused = await GetAsync("/api/v1/admin/settings", admin.AccessToken))
        {
            var body = await AssertErrorAsync(refused, HttpStatusCode.Forbidden, "MFA_REQUIRED");
            Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.Contain("/api/v1/auth/2fa/setup"));
        }

        using (var dashboard = await GetAsync("/api/v1/admin/dashboard", admin.AccessToken))
        {
            await AssertErrorAsync(dashboard, HttpStatusCode.Forbidden, "MFA_REQUIRED");
        }

        using (var me = await GetAsync("/api/v1/users/me", admin.AccessToken))
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), "their own account still works");
        }

        using var setup = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, admin.AccessToken);
        var secret = (await DataAsync(setup))["secret"]!.GetValue<string>();
        using (var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secret) }, admin.AccessToken))
        {
            Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var allowed = await GetAsync("/api/v1/admin/settings", admin.AccessToken);
        Assert.That((await DataAsync(allowed))["require_mfa_for_admins"]!.GetValue<bool>(), Is.True);

        // A plain user is untouched by the setting.
        var user = await RegisterAsync("plain_user", "plain@example.com");
        using var plain = await GetAsync("/api/v1/auth/2fa", user.AccessToken);
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
