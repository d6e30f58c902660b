using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using Veza.Domain.Users;
using Veza.Infrastructure.Identity;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

public class AuthFlowTests : ApiTestBase
{
    [Test]
    public async Task Register_answers_201_with_user_and_tokens_and_stores_only_hashes()
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "Nova@Example.com", password = Password });

        var body = await BodyAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/api/v1/users/me"));
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["data"]!["user"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(body["data"]!["user"]!["email"]!.GetValue<string>(), Is.EqualTo("Nova@Example.com"));
            Assert.That(body["data"]!["user"]!["role"]!.GetValue<string>(), Is.EqualTo("user"));
            Assert.That(body["data"]!["token_type"]!.GetValue<string>(), Is.EqualTo("Bearer"));
            Assert.That(body["data"]!["expires_in"]!.GetValue<int>(), Is.EqualTo(900));
            Assert.That(body["meta"]!["version"]!.GetValue<string>(), Is.EqualTo("v1"));
        });
        var refresh = body["data"]!["refresh_token"]!.GetValue<string>();
        Assert.That(await Database.ScalarAsync<string>("SELECT password_hash FROM users"), Does.Not.Contain(Password).And.Length.GreaterThan(60));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM refresh_tokens WHERE token_hash = @t", ("t", refresh)), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM refresh_tokens"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<string>("SELECT action FROM audit_events"), Is.EqualTo("auth.register"));
        Assert.That(await Database.ScalarAsync<string>("SELECT event_type FROM outbox_messages"), Is.EqualTo("users.registered"));
    }

    [TestCase("ab", "nova@example.com", Password, "username")]
    [TestCase("a234567890123456789012345678901", "nova@example.com", Password, "username")]
    [TestCase("DJ_Nova", "nova@example.com", Password, "username")]
    [TestCase("dj-nova", "nova@example.com", Password, "username")]
    [TestCase("", "nova@example.com", Password, "username")]
    [TestCase("dj_nova", "not-an-email", Password, "email")]
    [TestCase("dj_nova", "", Password, "email")]
    [TestCase("dj_nova", "nova@example.com", "short7!", "password")]
    [TestCase("dj_nova", "nova@example.com", "qwertyuiop", "password")]
    [TestCase("dj_nova", "nova@example.com", "", "password")]
    public async Task Register_rejects_each_invalid_field_with_its_detail(string username, string email, string password, string field)
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username, email, password });

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()), Is.EqualTo(new[] { field }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
    }

    [Test]
    public async Task Register_rejects_a_password_over_128_characters()
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "nova@example.com", password = new string('x', 129) });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Register_rejects_missing_fields_malformed_json_and_wrong_content_type()
    {
        using var missing = await PostAsync("/api/v1/auth/register", new { username = "dj_nova" });
        var body = await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()), Is.EquivalentTo(new[] { "email", "password" }));

        using var malformed = await Client.PostAsync("/api/v1/auth/register", new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        using var text = await Client.PostAsync("/api/v1/auth/register", new StringContent("dj_nova", System.Text.Encoding.UTF8, "text/plain"));
        await AssertErrorAsync(text, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task Register_refuses_a_taken_username_and_a_taken_email_in_any_case_with_409()
    {
        await RegisterAsync();

        using var sameName = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "other@example.com", password = Password });
        var nameBody = await AssertErrorAsync(sameName, HttpStatusCode.Conflict, "CONFLICT");
        using var sameEmail = await PostAsync("/api/v1/auth/register", new { username = "someone", email = "NOVA@EXAMPLE.COM", password = Password });
        var emailBody = await AssertErrorAsync(sameEmail, HttpStatusCode.Conflict, "CONFLICT");

        Assert.That(nameBody["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("username"));
        Assert.That(emailBody["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("email"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
    }

    [Test]
    public async Task Register_refuses_an_upper_case_variant_of_a_taken_username_with_400_as_usernames_are_lower_case_only()
    {
        await RegisterAsync();

        using var variant = await PostAsync("/api/v1/auth/register", new { username = "DJ_Nova", email = "other@example.com", password = Password });

        // Refused by the lower-case rule before uniqueness is looked at: case can never make a second account.
        var body = await AssertErrorAsync(variant, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => (d!["field"]!.GetValue<string>(), d["message"]!.GetValue<string>())),
            Is.EqualTo(new[] { ("username", UsernameRules.Message) }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
    }

    [Test]
    public async Task Login_accepts_email_or_username_in_any_case_and_me_returns_the_profile()
    {
        var registered = await RegisterAsync();
        var byEmail = await LoginAsync("NOVA@example.com");
        var byName = await LoginAsync("DJ_Nova");

        foreach (var path in new[] { "/api/v1/auth/me", "/api/v1/users/me" })
        {
            using var me = await GetAsync(path, byName.AccessToken);
            var body = await BodyAsync(me);
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(body["data"]!["id"]!.GetValue<string>(), Is.EqualTo(registered.UserId.ToString()));
            Assert.That(body["data"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
        }

        Assert.That(byEmail.UserId, Is.EqualTo(registered.UserId));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.login' AND outcome = 'success'"), Is.EqualTo(2));
    }

    [Test]
    public async Task Unknown_account_and_wrong_password_get_the_same_401()
    {
        await RegisterAsync();

        using var wrong = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = "wrong-password-1" });
        using var unknown = await PostAsync("/api/v1/auth/login", new { login = "ghost_user", password = "wrong-password-1" });

        var wrongBody = await AssertErrorAsync(wrong, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var unknownBody = await AssertErrorAsync(unknown, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(unknownBody["error"]!.ToJsonString(), Is.EqualTo(wrongBody["error"]!.ToJsonString()));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.login' AND outcome = 'failure'"), Is.EqualTo(2));
    }

    [Test]
    public async Task Test_endpoint_returns_the_token_claims()
    {
        var tokens = await RegisterAsync();

        using var response = await GetAsync("/api/v1/auth/test", tokens.AccessToken);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["data"]!["valid"]!.GetValue<bool>(), Is.True);
        Assert.That(body["data"]!["user_id"]!.GetValue<string>(), Is.EqualTo(tokens.UserId.ToString()));
        Assert.That(body["data"]!["role"]!.GetValue<string>(), Is.EqualTo("user"));
        Assert.That(body["data"]!["session_id"]!.GetValue<string>(), Is.EqualTo(await Database.ScalarAsync<Guid>("SELECT id FROM sessions") + ""));
    }

    [Test]
    public async Task Missing_expired_and_tampered_access_tokens_are_refused_with_401()
    {
        var tokens = await RegisterAsync();
        var issuer = new JwtTokenService(Options.Create(new JwtOptions { SigningKey = VezaApiFactory.SigningKey }));
        var user = User.Register("dj_nova", "nova@example.com", "h", DateTimeOffset.UtcNow);
        var sessionId = await Database.ScalarAsync<Guid>("SELECT id FROM sessions");
        var expired = issuer.CreateAccessToken(user, sessionId, DateTimeOffset.UtcNow.AddHours(-1)).Token;
        var parts = tokens.AccessToken.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}A.{parts[2]}";
        var otherKey = new JwtTokenService(Options.Create(new JwtOptions { SigningKey = "some-other-key-some-other-key-0123456789" }))
            .CreateAccessToken(user, sessionId, DateTimeOffset.UtcNow).Token;

        using var none = await GetAsync("/api/v1/auth/me");
        using var old = await GetAsync("/api/v1/auth/me", expired);
        using var forged = await GetAsync("/api/v1/auth/me", tampered);
        using var foreign = await GetAsync("/api/v1/auth/me", otherKey);

        await AssertErrorAsync(none, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var expiredBody = await AssertErrorAsync(old, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(forged, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(foreign, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(expiredBody["error"]!["message"]!.GetValue<string>(), Does.Contain("expired"));
        Assert.That(old.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Refresh_rotates_and_a_spent_token_revokes_the_whole_family()
    {
        var first = await RegisterAsync();

        using var rotated = await PostAsync("/api/v1/auth/refresh", new { refresh_token = first.RefreshToken });
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var second = Tokens.From(await BodyAsync(rotated));
        Assert.That(second.RefreshToken, Is.Not.EqualTo(first.RefreshToken));
        using (var meWithNew = await GetAsync("/api/v1/auth/me", second.AccessToken))
        {
            Assert.That(meWithNew.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var reuse = await PostAsync("/api/v1/auth/refresh", new { refresh_token = first.RefreshToken });
        var reuseBody = await AssertErrorAsync(reuse, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(reuseBody["error"]!["message"]!.GetValue<string>(), Does.Contain("already used"));

        using var latestRefresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = second.RefreshToken });
        await AssertErrorAsync(latestRefresh, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var latestAccess = await GetAsync("/api/v1/auth/me", second.AccessToken);
        await AssertErrorAsync(latestAccess, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(await Database.ScalarAsync<string>("SELECT revoked_reason FROM sessions"), Is.EqualTo("refresh_token_reuse"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.refresh_token_reuse'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Simultaneous_refreshes_with_one_token_let_exactly_one_win_and_then_revoke_the_family()
    {
        const int racers = 10;
        var first = await RegisterAsync();

        // Holding the session row lets every racer read the unspent token before any of them can write:
        // the interleaving a real race produces only sometimes, produced every time. Only the session's
        // row version then stops the others, since each would rotate the token it read.
        await using var holder = new NpgsqlConnection(Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM sessions FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var racing = Enumerable.Range(0, racers).Select(_ => RefreshAsync(first.RefreshToken)).ToArray();
        var allBlocked = await Eventually.TrueAsync(async () => await Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") >= racers);
        await hold.RollbackAsync();
        var results = await Task.WhenAll(racing);

        Assert.That(allBlocked, Is.True, "every racer read the token and reached its write while the row was held");
        var winners = results.Where(r => r.Status == HttpStatusCode.OK).ToArray();
        Assert.That(winners, Has.Length.EqualTo(1), string.Join("\n", results.Select(r => $"{(int)r.Status} {r.Body.ToJsonString()}")));
        Assert.That(results.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Conflict));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM refresh_tokens"), Is.EqualTo(2), "the raced token and the winner's: no losing rotation left a token");

        // A loser ran again, found the token spent by the winner: reuse, so the family is gone.
        var winnersNext = await RefreshAsync(Tokens.From(winners[0].Body).RefreshToken);
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<DateTime?>("SELECT revoked_at FROM sessions"), Is.Not.Null);
            Assert.That(await Database.ScalarAsync<string>("SELECT revoked_reason FROM sessions"), Is.EqualTo("refresh_token_reuse"));
            Assert.That(results.Count(r => r.Status == HttpStatusCode.Unauthorized), Is.GreaterThanOrEqualTo(1));
            Assert.That(winnersNext.Status, Is.EqualTo(HttpStatusCode.Unauthorized), winnersNext.Body.ToJsonString());
        });

        async Task<(HttpStatusCode Status, JsonNode Body)> RefreshAsync(string refreshToken)
        {
            using var response = await PostAsync("/api/v1/auth/refresh", new { refresh_token = refreshToken });
            return (response.StatusCode, await BodyAsync(response));
        }
    }

    [Test]
    public async Task After_logout_the_refresh_token_and_the_access_token_are_refused()
    {
        var tokens = await RegisterAsync();
        var other = await LoginAsync();

        using var logout = await PostAsync("/api/v1/auth/logout", new { refresh_token = tokens.RefreshToken });
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var again = await PostAsync("/api/v1/auth/logout", new { refresh_token = tokens.RefreshToken });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "logging out twice is fine");

        using var refresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken });
        await AssertErrorAsync(refresh, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var me = await GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var body = await AssertErrorAsync(me, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.Contain("revoked"));
        using var otherSession = await GetAsync("/api/v1/auth/me", other.AccessToken);
        Assert.That(otherSession.StatusCode, Is.EqualTo(HttpStatusCode.OK), "only that session ends");
        using var unknown = await PostAsync("/api/v1/auth/logout", new { refresh_token = "never-issued" });
        await AssertErrorAsync(unknown, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Test]
    public async Task Changing_the_password_revokes_every_other_session_and_keeps_this_one()
    {
        var here = await RegisterAsync();
        var elsewhere = await LoginAsync();

        using var change = await PutAsync("/api/v1/users/me/password", new { current_password = Password, new_password = "amber-reel-to-reel-7" }, here.AccessToken);
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.OK), await change.Content.ReadAsStringAsync());

        using var stillHere = await GetAsync("/api/v1/users/me", here.AccessToken);
        Assert.That(stillHere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var goneAccess = await GetAsync("/api/v1/users/me", elsewhere.AccessToken);
        await AssertErrorAsync(goneAccess, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var goneRefresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = elsewhere.RefreshToken });
        await AssertErrorAsync(goneRefresh, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var oldPassword = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password });
        await AssertErrorAsync(oldPassword, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await LoginAsync(password: "amber-reel-to-reel-7");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'users.password_change' AND outcome = 'success'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Changing_the_password_needs_the_right_current_one_and_an_acceptable_new_one()
    {
        var tokens = await RegisterAsync();

        using var wrong = await PutAsync("/api/v1/users/me/password", new { current_password = "not-my-password", new_password = "amber-reel-to-reel-7" }, tokens.AccessToken);
        var wrongBody = await AssertErrorAsync(wrong, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(wrongBody["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("current_password"));

        using var weak = await PutAsync("/api/v1/users/me/password", new { current_password = Password, new_password = "password" }, tokens.AccessToken);
        var weakBody = await AssertErrorAsync(weak, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(weakBody["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("new_password"));

        using var anonymous = await PutAsync("/api/v1/users/me/password", new { current_password = Password, new_password = "amber-reel-to-reel-7" });
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await LoginAsync();
    }

    [Test]
    public async Task Five_failed_logins_from_one_address_get_429_with_retry_after_there()
    {
        await RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            using var failure = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = "wrong-password-1" });
            await AssertErrorAsync(failure, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using var locked = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password });

        await AssertErrorAsync(locked, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(retryAfter, Is.InRange(1, 60));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM login_throttles WHERE locked_until > now()"), Is.EqualTo(1), "the login from this address, not the account");
    }
}
