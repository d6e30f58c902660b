using System.Net;
using System.Security.Cryptography;
using System.Text;
using Veza.Domain.Mfa;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>Sign-in with Google, GitHub and Discord against the real test provider, and every refusal.</summary>
public class OAuthSignInTests : OAuthTestBase
{

    [TestCase("google")]
    [TestCase("github")]
    [TestCase("discord")]
    public async Task A_first_sign_in_creates_an_account_without_a_password_with_the_verified_address(string provider)
    {
        var tokens = await SignInWithAsync(provider, new ProviderAccount("1001", "nova@example.com", Name: "Nova Star"));

        using var me = await GetAsync("/api/v1/users/me", tokens.AccessToken);
        var data = await DataAsync(me);
        Assert.Multiple(async () =>
        {
            Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("nova@example.com"));
            Assert.That(data["email_verified"]!.GetValue<bool>(), Is.True);
            // GitHub and Discord give a login ("Nova Star" here); Google a name: both slug to the same.
            Assert.That(data["username"]!.GetValue<string>(), Is.EqualTo("nova_star"));
            Assert.That(await Database.ScalarAsync<bool>("SELECT password_hash IS NULL FROM users WHERE id = @id", ("id", tokens.UserId)), Is.True);
            Assert.That(await Database.ScalarAsync<string>("SELECT subject FROM user_identities WHERE user_id = @id AND provider = @p", ("id", tokens.UserId), ("p", provider)), Is.EqualTo("1001"));
            Assert.That(await IdentityProvidersAsync(tokens.AccessToken), Is.EqualTo(new[] { provider }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.oauth_login' AND outcome = 'success' AND actor_user_id = @id", ("id", tokens.UserId)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_authorization_url_carries_the_state_and_an_S256_challenge_of_the_stored_verifier()
    {
        var url = new Uri(await StartAsync("google"));
        var verifier = await Database.ScalarAsync<string>("SELECT code_verifier FROM oauth_pending_logins");
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier!))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Multiple(async () =>
        {
            Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo($"{ProviderBase}/authorize"));
            Assert.That(QueryValue(url, "code_challenge_method"), Is.EqualTo("S256"));
            Assert.That(QueryValue(url, "code_challenge"), Is.EqualTo(challenge));
            Assert.That(QueryValue(url, "client_id"), Is.EqualTo("veza-google-client"));
            Assert.That(QueryValue(url, "redirect_uri"), Is.EqualTo($"{VezaApiFactory.OAuthCallbackBase}/api/v1/auth/oauth/google/callback"));
            Assert.That(QueryValue(url, "state"), Has.Length.GreaterThanOrEqualTo(43));
            // Only the state's hash is kept.
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM oauth_pending_logins WHERE state_hash = @s", ("s", QueryValue(url, "state")!)), Is.Zero);
        });
    }

    [Test]
    public async Task A_linked_provider_account_signs_in_to_the_same_account_even_after_its_address_changed()
    {
        var first = await SignInWithAsync("google", new ProviderAccount("g-7", "nova@example.com"));
        var again = await SignInWithAsync("google", new ProviderAccount("g-7", "nova.new@example.com", EmailVerified: false));

        Assert.Multiple(async () =>
        {
            Assert.That(again.UserId, Is.EqualTo(first.UserId));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
            // The provider's address is shown; the account's stays.
            Assert.That(await Database.ScalarAsync<string>("SELECT email FROM user_identities"), Is.EqualTo("nova.new@example.com"));
            Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("nova@example.com"));
        });
    }

    [Test]
    public async Task A_verified_provider_address_links_the_existing_account_that_verified_it_too()
    {
        var registered = await RegisterAsync("dj_nova", "nova@example.com");
        await VerifyAddressAsync(registered.UserId);
        var tokens = await SignInWithAsync("github", new ProviderAccount("4242", "Nova@Example.com", Name: "octonova"));

        Assert.Multiple(async () =>
        {
            Assert.That(tokens.UserId, Is.EqualTo(registered.UserId));
            Assert.That(await IdentityProvidersAsync(registered.AccessToken), Is.EqualTo(new[] { "github" }));
            // The password still works.
            Assert.That((await LoginAsync("dj_nova")).UserId, Is.EqualTo(registered.UserId));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'email.send' AND payload->>'email' = 'provider_linked_notice'"), Is.EqualTo(1),
                "the owner hears of a new way into their account");
        });
    }

    [Test]
    public async Task An_unverified_provider_address_never_links_an_existing_account()
    {
        var registered = await RegisterAsync("dj_nova", "nova@example.com");
        await VerifyAddressAsync(registered.UserId);

        var returned = await SignInAtProviderAsync("discord", new ProviderAccount("555", "nova@example.com", EmailVerified: false));

        Assert.Multiple(async () =>
        {
            Assert.That(QueryValue(returned, "error"), Is.EqualTo("email_not_verified"));
            Assert.That(QueryValue(returned, "login_code"), Is.Null);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM account_tokens WHERE user_id = @id AND purpose = 'oauth_login'", ("id", registered.UserId)), Is.Zero);
        });
    }

    [Test]
    public async Task An_account_that_never_verified_its_address_is_not_linked_even_to_a_verified_provider_address()
    {
        // Whoever registered nova@example.com here may not be its owner, and knows the password: linking
        // would hand them the real owner's sign-ins.
        var registered = await RegisterAsync("squatter", "nova@example.com");

        var returned = await SignInAtProviderAsync("google", new ProviderAccount("g-20", "nova@example.com"));

        Assert.Multiple(async () =>
        {
            Assert.That(QueryValue(returned, "error"), Is.EqualTo("account_email_unverified"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM account_tokens WHERE user_id = @id AND purpose = 'oauth_login'", ("id", registered.UserId)), Is.Zero);
        });
    }

    [Test]
    public async Task An_unverified_provider_address_nobody_uses_makes_no_account()
    {
        // The address may be someone else's: an account made there would wait for its owner with this provider linked.
        var returned = await SignInAtProviderAsync("discord", new ProviderAccount("556", "fresh@example.com", EmailVerified: false, Name: "Fresh"));

        Assert.Multiple(async () =>
        {
            Assert.That(QueryValue(returned, "error"), Is.EqualTo("email_not_verified"));
            Assert.That(QueryValue(returned, "login_code"), Is.Null);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.Zero);
        });
    }

    [Test]
    public async Task A_derived_username_already_taken_gets_the_next_free_suffix()
    {
        await RegisterAsync("nova_star", "someone@example.com");
        await RegisterAsync("nova_star_2", "someone.else@example.com");

        var tokens = await SignInWithAsync("google", new ProviderAccount("g-9", "nova@example.com", Name: "Nova Star"));

        using var me = await GetAsync("/api/v1/users/me", tokens.AccessToken);
        Assert.That((await DataAsync(me))["username"]!.GetValue<string>(), Is.EqualTo("nova_star_3"));
    }

    [Test]
    public async Task A_provider_without_an_address_cannot_make_an_account()
    {
        var returned = await SignInAtProviderAsync("discord", new ProviderAccount("557", null));

        Assert.That(QueryValue(returned, "error"), Is.EqualTo("email_required"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
    }

    [Test]
    public async Task Refused_consent_returns_to_the_frontend_with_access_denied()
    {
        var returned = await SignInAtProviderAsync("google", new ProviderAccount("g-1", "nova@example.com", Deny: true));

        Assert.That(QueryValue(returned, "error"), Is.EqualTo("access_denied"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
    }

    [TestCase("https://evil.example/auth/callback")]
    [TestCase(VezaApiFactory.OAuthReturnPage + "/../../evil")]
    [TestCase(VezaApiFactory.OAuthReturnPage + "?next=https://evil.example")]
    [TestCase("https://app.veza.test/auth/callback.evil.example")]
    [TestCase("HTTPS://APP.VEZA.TEST/auth/callback")]
    public async Task A_return_page_outside_the_allow_list_is_refused(string redirectUri)
    {
        using var response = await Api.GetAsync($"/api/v1/auth/oauth/google/start?redirect_uri={Uri.EscapeDataString(redirectUri)}");

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { "redirect_uri" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM oauth_pending_logins"), Is.Zero);
    }

    [Test]
    public async Task Start_without_a_return_page_is_refused()
    {
        using var response = await Api.GetAsync("/api/v1/auth/oauth/google/start");

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { "redirect_uri" }));
    }

    [TestCase("start?redirect_uri=https%3A%2F%2Fapp.veza.test%2Fauth%2Fcallback")]
    [TestCase("callback?code=x&state=y")]
    public async Task An_unknown_provider_is_not_found(string route)
    {
        using var response = await Api.GetAsync($"/api/v1/auth/oauth/myspace/{route}");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [TestCase("?code=abc&state=not-a-state-this-api-made")]
    [TestCase("?code=abc")]
    public async Task A_callback_with_an_unknown_or_missing_state_is_refused_without_a_redirect(string query)
    {
        await StartAsync("google");

        using var response = await Api.GetAsync($"/api/v1/auth/oauth/google/callback{query}");

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { "state" }));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.oauth_login' AND outcome = 'failure'"), Is.EqualTo(1));
    }

    [TestCase("state", 129)]
    [TestCase("code", 2049)]
    [TestCase("error", 257)]
    public async Task Oversized_callback_parameters_are_refused_before_anything_else(string parameter, int length)
    {
        using var response = await Api.GetAsync($"/api/v1/auth/oauth/google/callback?{parameter}={new string('x', length)}");

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { parameter }));
    }

    [Test]
    public async Task A_state_works_once()
    {
        var callback = await AuthorizeAsync(await StartAsync("google"), new ProviderAccount("g-2", "nova@example.com"));
        using (var first = await CallbackAsync(callback))
        {
            Assert.That(QueryValue(ReturnedTo(first), "login_code"), Is.Not.Null);
        }

        using var replay = await CallbackAsync(callback);

        Assert.That(QueryValue(ReturnedTo(replay), "error"), Is.EqualTo("invalid_state"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM account_tokens WHERE purpose = 'oauth_login'"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_expired_state_is_refused()
    {
        var callback = await AuthorizeAsync(await StartAsync("google"), new ProviderAccount("g-3", "nova@example.com"));
        await Database.ScalarAsync<int>("UPDATE oauth_pending_logins SET expires_at = now() - interval '1 second' RETURNING 1");

        using var response = await CallbackAsync(callback);

        Assert.That(QueryValue(ReturnedTo(response), "error"), Is.EqualTo("invalid_state"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
    }

    [Test]
    public async Task Starting_a_sign_in_sweeps_those_expired_over_an_hour_ago()
    {
        await StartAsync("google");
        await StartAsync("github");
        await Database.ScalarAsync<int>("UPDATE oauth_pending_logins SET expires_at = now() - interval '61 minutes' WHERE provider = 'google' RETURNING 1");
        await Database.ScalarAsync<int>("UPDATE oauth_pending_logins SET expires_at = now() - interval '59 minutes' WHERE provider = 'github' RETURNING 1");

        await StartAsync("discord");

        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(provider, ',' ORDER BY provider) FROM oauth_pending_logins"), Is.EqualTo("discord,github"));
    }

    [Test]
    public async Task A_state_started_for_one_provider_is_refused_on_another_providers_callback()
    {
        var callback = await AuthorizeAsync(await StartAsync("google"), new ProviderAccount("g-4", "nova@example.com"));

        using var response = await Api.GetAsync(callback.PathAndQuery.Replace("/google/", "/github/", StringComparison.Ordinal));

        Assert.That(QueryValue(ReturnedTo(response), "error"), Is.EqualTo("invalid_state"));
    }

    [Test]
    public async Task A_tampered_PKCE_verifier_makes_the_provider_refuse_the_code()
    {
        var callback = await AuthorizeAsync(await StartAsync("github"), new ProviderAccount("77", "nova@example.com"));
        // As if the verifier sent with the code were not the one the challenge was made from.
        await Database.ScalarAsync<int>("UPDATE oauth_pending_logins SET code_verifier = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' RETURNING 1");

        using var response = await CallbackAsync(callback);

        Assert.That(QueryValue(ReturnedTo(response), "error"), Is.EqualTo("provider_error"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
    }

    [Test]
    public async Task The_test_provider_refuses_a_code_without_its_verifier()
    {
        // What makes the tampered-verifier test real: the provider checks PKCE, and refuses a missing verifier too.
        var callback = await AuthorizeAsync(await StartAsync("google"), new ProviderAccount("g-5", "nova@example.com"));
        using var client = new HttpClient();
        using var token = await client.PostAsync($"{ProviderBase}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryValue(callback, "code")!,
            ["client_id"] = "veza-google-client",
            ["client_secret"] = "veza-google-secret",
            ["redirect_uri"] = $"{VezaApiFactory.OAuthCallbackBase}/api/v1/auth/oauth/google/callback",
        }));

        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await token.Content.ReadAsStringAsync(), Does.Contain("code_verifier required"));
    }

    [Test]
    public async Task A_login_code_works_once()
    {
        var loginCode = QueryValue(await SignInAtProviderAsync("google", new ProviderAccount("g-6", "nova@example.com")), "login_code")!;
        using (var first = await ExchangeAsync(loginCode))
        {
            await OkAsync(first);
        }

        using var second = await ExchangeAsync(loginCode);

        var body = await AssertErrorAsync(second, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { "login_code" }));
    }

    [Test]
    public async Task A_login_code_planted_in_another_browser_is_refused_and_stays_unspent_for_its_own()
    {
        // Login CSRF: an attacker finishes their own sign-in and lures the victim's browser to the page with the code.
        var attackerCode = QueryValue(await SignInAtProviderAsync("github", new ProviderAccount("evil-1", "evil@example.com")), "login_code")!;
        var attackerBinding = Binding!;
        await StartAsync("github");
        var victimBinding = Binding!;

        using var planted = await ExchangeAsync(attackerCode, victimBinding);
        using var missing = await PostAsync("/api/v1/auth/oauth/exchange", new { login_code = attackerCode });
        using var own = await ExchangeAsync(attackerCode, attackerBinding);

        Assert.Multiple(async () =>
        {
            Assert.That(Fields(await AssertErrorAsync(planted, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "binding" }));
            Assert.That(Fields(await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "binding" }));
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the browser that started it still can");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM oauth_pending_logins WHERE binding_hash IS NULL"), Is.Zero, "only hashes are kept");
        });
    }

    [Test]
    public async Task An_expired_login_code_is_refused_like_an_unknown_one()
    {
        var loginCode = QueryValue(await SignInAtProviderAsync("google", new ProviderAccount("g-8", "nova@example.com")), "login_code")!;
        await Database.ScalarAsync<int>("UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'oauth_login' RETURNING 1");

        using var expired = await ExchangeAsync(loginCode);
        using var unknown = await ExchangeAsync("h7Qw2mZr0cT5yN8vB1xK4pD6fG9jL3sA0eU2iO5rW7q");

        var expiredBody = await AssertErrorAsync(expired, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var unknownBody = await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(expiredBody["error"]!.ToJsonString(), Is.EqualTo(unknownBody["error"]!.ToJsonString()));
    }

    [Test]
    public async Task The_login_code_lasts_sixty_seconds()
    {
        await SignInAtProviderAsync("google", new ProviderAccount("g-10", "nova@example.com"));

        var lifetime = await Database.ScalarAsync<double>("SELECT extract(epoch FROM expires_at - created_at)::float8 FROM account_tokens WHERE purpose = 'oauth_login'");

        Assert.That(lifetime, Is.EqualTo(60));
    }

    [Test]
    public async Task With_two_factor_on_the_exchange_asks_for_the_second_step_instead_of_giving_tokens()
    {
        var registered = await RegisterAsync("dj_nova", "nova@example.com");
        await VerifyAddressAsync(registered.UserId);
        using (var setup = await PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, registered.AccessToken))
        {
            var secret = (await DataAsync(setup))["secret"]!.GetValue<string>();
            // The real clock: a step boundary between here and the check is within the accepted ±1 step.
            using var confirm = await PostAsync("/api/v1/auth/2fa/confirm", new { code = Totp.Code(Base32.Decode(secret), Totp.StepAt(DateTimeOffset.UtcNow)) }, registered.AccessToken);
            await OkAsync(confirm);
        }

        var loginCode = QueryValue(await SignInAtProviderAsync("github", new ProviderAccount("4243", "nova@example.com")), "login_code")!;
        using var exchange = await ExchangeAsync(loginCode);

        var data = await DataAsync(exchange);
        Assert.Multiple(() =>
        {
            Assert.That(data["mfa_required"]!.GetValue<bool>(), Is.True);
            Assert.That(data["mfa_token"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(data["access_token"], Is.Null);
        });
    }

    [Test]
    public async Task A_banned_account_is_refused()
    {
        var first = await SignInWithAsync("google", new ProviderAccount("g-11", "nova@example.com"));
        await Database.ScalarAsync<int>("UPDATE users SET status = 'banned', status_reason = 'spam' WHERE id = @id RETURNING 1", ("id", first.UserId));

        var returned = await SignInAtProviderAsync("google", new ProviderAccount("g-11", "nova@example.com"));

        Assert.That(QueryValue(returned, "error"), Is.EqualTo("account_restricted"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM account_tokens WHERE purpose = 'oauth_login' AND redeemed_at IS NULL"), Is.Zero);
    }

    [Test]
    public async Task An_account_suspended_after_the_callback_cannot_exchange_its_login_code()
    {
        var first = await SignInWithAsync("google", new ProviderAccount("g-12", "nova@example.com"));
        var loginCode = QueryValue(await SignInAtProviderAsync("google", new ProviderAccount("g-12", "nova@example.com")), "login_code")!;
        await Database.ScalarAsync<int>("UPDATE users SET status = 'suspended', status_reason = 'spam' WHERE id = @id RETURNING 1", ("id", first.UserId));

        using var response = await ExchangeAsync(loginCode);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_link_of_a_deleted_account_goes_and_the_provider_account_starts_afresh()
    {
        var first = await SignInWithAsync("google", new ProviderAccount("g-16", "nova@example.com"));
        await Database.ScalarAsync<int>(
            "UPDATE users SET status = 'deleted', deleted_at = now(), email = 'deleted@deleted.invalid', normalized_email = 'deleted@deleted.invalid' WHERE id = @id RETURNING 1",
            ("id", first.UserId));

        var again = await SignInWithAsync("google", new ProviderAccount("g-16", "nova@example.com"));

        Assert.Multiple(async () =>
        {
            Assert.That(again.UserId, Is.Not.EqualTo(first.UserId));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT user_id FROM user_identities WHERE subject = 'g-16'"), Is.EqualTo(again.UserId));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Closed_registration_stops_new_accounts_but_not_linked_ones()
    {
        var linked = await SignInWithAsync("google", new ProviderAccount("g-13", "nova@example.com"));
        var admin = await AdminAsync();
        using (var close = await PutAsync("/api/v1/admin/settings", new { registration_open = false }, admin.AccessToken))
        {
            await OkAsync(close);
        }

        var stranger = await SignInAtProviderAsync("google", new ProviderAccount("g-14", "new@example.com"));
        var again = await SignInWithAsync("google", new ProviderAccount("g-13", "nova@example.com"));

        Assert.Multiple(async () =>
        {
            Assert.That(QueryValue(stranger, "error"), Is.EqualTo("registration_closed"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'new@example.com'"), Is.Zero);
            Assert.That(again.UserId, Is.EqualTo(linked.UserId));
        });
    }

    [Test]
    public async Task An_account_without_a_password_cannot_sign_in_with_one_and_has_none_to_change()
    {
        var tokens = await SignInWithAsync("google", new ProviderAccount("g-15", "nova@example.com", Name: "Nova Star"));

        using var login = await PostAsync("/api/v1/auth/login", new { login = "nova_star", password = Password });
        using var change = await PutAsync("/api/v1/users/me/password", new { current_password = Password, new_password = "amber-reel-to-reel-7" }, tokens.AccessToken);

        await AssertErrorAsync(login, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(change, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
    }
}

/// <summary>A provider without a client id is off: its routes answer 404, the others work.</summary>
public class OAuthDisabledProviderTests : OAuthTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:Providers:discord:ClientId"] = "" };

    [Test]
    public async Task A_provider_without_credentials_is_not_found_and_the_others_still_work()
    {
        using var start = await Api.GetAsync($"/api/v1/auth/oauth/discord/start?redirect_uri={Uri.EscapeDataString(VezaApiFactory.OAuthReturnPage)}");
        using var callback = await Api.GetAsync("/api/v1/auth/oauth/discord/callback?code=x&state=y");

        await AssertErrorAsync(start, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(callback, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await StartAsync("google"), Does.StartWith(ProviderBase));
    }
}

/// <summary>An account made by a provider, with no password, sets one through the emailed reset link (maildev).</summary>
public class OAuthAccountPasswordTests : OAuthTestBase
{
    private readonly MailDev _mail = MailDev.Connect();

    protected override IReadOnlyDictionary<string, string?> Settings => AccountEmailTests.SmtpSettings();

    [Test]
    public async Task An_account_without_a_password_sets_one_through_a_reset_link_under_the_password_rules_and_then_signs_in_with_it()
    {
        var email = MailDev.UniqueAddress("oauth");
        var tokens = await SignInWithAsync("google", new ProviderAccount("g-pw-1", email, Name: "Nova Star"));
        using (var asked = await PostAsync("/api/v1/auth/forgot-password", new { email }))
        {
            Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var link = await _mail.WaitForOneAsync(email, "Reset your password");

        using var common = await PostAsync("/api/v1/auth/reset-password", new { token = link.Token, new_password = "password" });
        using var tooShort = await PostAsync("/api/v1/auth/reset-password", new { token = link.Token, new_password = "tape-7" });
        Assert.That(Fields(await AssertErrorAsync(common, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.Not.Empty.And.All.EqualTo("new_password"), "a blocklisted password");
        Assert.That(Fields(await AssertErrorAsync(tooShort, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.Not.Empty.And.All.EqualTo("new_password"), "a password under 8 characters");
        Assert.That(await Database.ScalarAsync<bool>("SELECT password_hash IS NULL FROM users WHERE id = @id", ("id", tokens.UserId)), Is.True, "still no password");

        using (var reset = await PostAsync("/api/v1/auth/reset-password", new { token = link.Token, new_password = "amber-reel-to-reel-7" }))
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reset.Content.ReadAsStringAsync());
        }

        var byPassword = await LoginAsync("nova_star", "amber-reel-to-reel-7");
        var byAddress = await LoginAsync(email, "amber-reel-to-reel-7");
        Assert.Multiple(async () =>
        {
            Assert.That(byPassword.UserId, Is.EqualTo(tokens.UserId));
            Assert.That(byAddress.UserId, Is.EqualTo(tokens.UserId));
            Assert.That(await IdentityProvidersAsync(byPassword.AccessToken), Is.EqualTo(new[] { "google" }), "the provider stays linked");
        });

        // With a password, the provider is no longer the only way in: it may go.
        using var unlink = await DeleteAsync("/api/v1/users/me/identities/google", null, byPassword.AccessToken);
        await OkAsync(unlink);
    }
}
