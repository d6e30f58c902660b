using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>GET/DELETE /auth/sessions: the caller's devices, signing one out, signing out everywhere else; two nodes share Redis.</summary>
public class SessionManagementTests : ApiTestBase
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    private const string Iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    // Revocations go through Redis, as they do when several nodes serve the API.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Redis:Configuration"] = TestServers.Redis };

    [Test]
    public async Task The_list_shows_each_usable_session_with_its_device_address_and_the_current_flag()
    {
        await RegisterAsync();
        var laptop = await LoginFromAsync(Client, Firefox, "198.51.100.4");
        var phone = await LoginFromAsync(Client, Iphone, "198.51.100.9");
        using (var logout = await PostAsync("/api/v1/auth/logout", new { refresh_token = phone.RefreshToken }))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var otherPhone = await LoginFromAsync(Client, Iphone, "198.51.100.10");

        using var response = await GetAsync("/api/v1/auth/sessions", laptop.AccessToken);
        var body = await BodyAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var items = body["data"]!.AsArray();
        var rows = items.Select(s => (Device: s!["device"]!.GetValue<string>(), Ip: s["ip_address"]?.GetValue<string>(), Current: s["current"]!.GetValue<bool>())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(3), "registration's session, the laptop and the second phone; the logged-out phone is gone");
            Assert.That(rows, Does.Contain(("Firefox on Linux", "198.51.100.4", true)));
            Assert.That(rows, Does.Contain(("Safari on iOS", "198.51.100.10", false)));
            Assert.That(rows.Count(r => r.Current), Is.EqualTo(1));
            Assert.That(body["pagination"]!["total"]!.GetValue<int>(), Is.EqualTo(3));
            var laptopRow = items.Single(s => s!["current"]!.GetValue<bool>())!;
            Assert.That(laptopRow["user_agent"]!.GetValue<string>(), Is.EqualTo(Firefox));
            Assert.That(DateTimeOffset.Parse(laptopRow["expires_at"]!.GetValue<string>()), Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(6)));
            Assert.That(laptopRow["last_used_at"], Is.Not.Null);
            Assert.That(laptopRow["created_at"], Is.Not.Null);
        });
        Assert.That(otherPhone.AccessToken, Is.Not.Empty);
    }

    [Test]
    public async Task Revoking_a_session_refuses_its_access_and_refresh_tokens_at_once_and_leaves_the_others()
    {
        await RegisterAsync();
        var laptop = await LoginFromAsync(Client, Firefox, "198.51.100.4");
        var phone = await LoginFromAsync(Client, Iphone, "198.51.100.9");
        var phoneSessionId = await SessionIdAsync(phone.AccessToken);

        using (var revoke = await SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{phoneSessionId}", null, laptop.AccessToken))
        {
            var body = await BodyAsync(revoke);
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["data"]!["revoked"]!.GetValue<int>(), Is.EqualTo(1));
        }

        using (var me = await GetAsync("/api/v1/auth/me", phone.AccessToken))
        {
            await AssertErrorAsync(me, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using (var refresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = phone.RefreshToken }))
        {
            await AssertErrorAsync(refresh, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using (var stillIn = await GetAsync("/api/v1/auth/me", laptop.AccessToken))
        {
            Assert.That(stillIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT revoked_reason FROM sessions WHERE id = @id", ("id", phoneSessionId)), Is.EqualTo("revoked_by_user"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'auth.session_revoke' AND target = @t", ("t", $"session:{phoneSessionId}")), Is.EqualTo(1));
        });

        using var again = await SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{phoneSessionId}", null, laptop.AccessToken);
        Assert.That((await BodyAsync(again))["data"]!["revoked"]!.GetValue<int>(), Is.Zero, "revoking twice is not an error");
    }

    [Test]
    public async Task Another_users_session_is_not_found_and_keeps_working()
    {
        var victim = await RegisterAsync();
        var victimSession = await SessionIdAsync(victim.AccessToken);
        var attacker = await RegisterAsync("mallory", "mallory@example.com");

        using (var response = await SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{victimSession}", null, attacker.AccessToken))
        {
            await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using (var unknown = await SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{Guid.NewGuid()}", null, attacker.AccessToken))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        using var me = await GetAsync("/api/v1/auth/me", victim.AccessToken);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL"), Is.Zero);
    }

    [Test]
    public async Task Signing_out_everywhere_else_on_one_node_refuses_the_other_sessions_on_a_second_node_at_once()
    {
        await using var secondNode = new VezaApiFactory(Database.ConnectionString, Settings);
        using var second = secondNode.CreateClient();
        await RegisterAsync();
        var here = await LoginFromAsync(Client, Firefox, "198.51.100.4");
        var there = await LoginFromAsync(second, Iphone, "198.51.100.9");
        using (var before = await SendWithAsync(second, HttpMethod.Get, "/api/v1/auth/me", there.AccessToken))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the second node serves the session it started");
        }

        using (var all = await SendAsync(HttpMethod.Delete, "/api/v1/auth/sessions", null, here.AccessToken))
        {
            var body = await BodyAsync(all);
            Assert.That(all.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["data"]!["revoked"]!.GetValue<int>(), Is.EqualTo(2), "the phone and registration's session");
        }

        using (var after = await SendWithAsync(second, HttpMethod.Get, "/api/v1/auth/me", there.AccessToken))
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the second node refuses it on the next request, with no wait");
        }

        using (var current = await GetAsync("/api/v1/auth/me", here.AccessToken))
        {
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session that asked stays signed in");
        }

        using var list = await GetAsync("/api/v1/auth/sessions", here.AccessToken);
        Assert.That((await BodyAsync(list))["data"]!.AsArray().Select(s => s!["current"]!.GetValue<bool>()), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task Revoking_one_session_on_one_node_refuses_its_access_token_on_a_second_node_at_once()
    {
        await using var secondNode = new VezaApiFactory(Database.ConnectionString, Settings);
        using var second = secondNode.CreateClient();
        await RegisterAsync();
        var here = await LoginFromAsync(Client, Firefox, "198.51.100.4");
        var there = await LoginFromAsync(second, Iphone, "198.51.100.9");
        var spare = await LoginFromAsync(second, Firefox, "198.51.100.12");
        var thereSessionId = await SessionIdAsync(there.AccessToken);
        using (var before = await SendWithAsync(second, HttpMethod.Get, "/api/v1/auth/me", there.AccessToken))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the second node serves the session it started");
        }

        using (var revoke = await SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{thereSessionId}", null, here.AccessToken))
        {
            var body = await BodyAsync(revoke);
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["data"]!["revoked"]!.GetValue<int>(), Is.EqualTo(1));
        }

        using (var after = await SendWithAsync(second, HttpMethod.Get, "/api/v1/auth/me", there.AccessToken))
        {
            await AssertErrorAsync(after, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using (var otherOnSecond = await SendWithAsync(second, HttpMethod.Get, "/api/v1/auth/me", spare.AccessToken))
        {
            Assert.That(otherOnSecond.StatusCode, Is.EqualTo(HttpStatusCode.OK), "only that session ends, on either node");
        }

        using var current = await GetAsync("/api/v1/auth/me", here.AccessToken);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Revoking_the_current_session_signs_the_caller_out()
    {
        var tokens = await RegisterAsync();
        var sessionId = await SessionIdAsync(tokens.AccessToken);

        using (var revoke = await SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{sessionId}", null, tokens.AccessToken))
        {
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var after = await GetAsync("/api/v1/auth/sessions", tokens.AccessToken);
        await AssertErrorAsync(after, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    private async Task<Guid> SessionIdAsync(string accessToken)
    {
        using var response = await GetAsync("/api/v1/auth/test", accessToken);
        return Guid.Parse((await BodyAsync(response))["data"]!["session_id"]!.GetValue<string>());
    }

    private static async Task<Tokens> LoginFromAsync(HttpClient client, string userAgent, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { login = "dj_nova", password = Password }) };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Add(VezaApiFactory.RemoteAddressHeader, address);
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return Tokens.From(body);
    }

    private static async Task<HttpResponseMessage> SendWithAsync(HttpClient client, HttpMethod method, string path, string accessToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", accessToken);
        return await client.SendAsync(request);
    }
}
