using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>PUT /admin/users/{id} end to end: suspension, ban, reinstatement, roles, plan, and what each does to sign-in and tokens.</summary>
public sealed class AdminUserTests : AdminApiTestBase
{
    [Test]
    public async Task Suspending_kills_the_access_token_and_the_refresh_token_and_sign_in_says_until_when()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        var until = DateTimeOffset.UtcNow.AddDays(3);

        using (var ok = await GetAsync("/api/v1/users/me", user.AccessToken))
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var put = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { status = "suspended", reason = "Spam in comments", until }, admin.AccessToken);
        var data = await OkDataAsync(put);
        Assert.Multiple(() =>
        {
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("suspended"));
            Assert.That(data["status_reason"]!.GetValue<string>(), Is.EqualTo("Spam in comments"));
            Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("nova@example.com"));
        });

        using var me = await GetAsync("/api/v1/users/me", user.AccessToken);
        await AssertErrorAsync(me, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var refresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken });
        await AssertErrorAsync(refresh, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var login = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password });
        var error = await AssertErrorAsync(login, HttpStatusCode.Forbidden, "ACCOUNT_SUSPENDED");
        var detail = error["error"]!["details"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(detail["field"]!.GetValue<string>(), Is.EqualTo("until"));
            Assert.That(DateTimeOffset.Parse(detail["message"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(until).Within(TimeSpan.FromSeconds(1)));
        });
        Assert.That(
            await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id AND revoked_at IS NULL", ("id", user.UserId)), Is.Zero, "sessions revoked");
        Assert.That(
            await Database.ScalarAsync<long>(
                "SELECT count(*) FROM audit_events WHERE action = 'admin.user_status_change' AND target = @t AND actor_user_id = @a", ("t", $"user:{user.UserId}"), ("a", admin.UserId)),
            Is.EqualTo(1));
    }

    [Test]
    public async Task A_suspension_ends_by_itself_at_until()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        using var put = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { status = "suspended", reason = "Cooling off", until = DateTimeOffset.UtcNow.AddHours(1) }, admin.AccessToken);
        await OkDataAsync(put);
        using (var refused = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password }))
        {
            await AssertErrorAsync(refused, HttpStatusCode.Forbidden, "ACCOUNT_SUSPENDED");
        }

        // Time passes: the end date is now behind us (nothing rewrites the row).
        await Database.ScalarAsync<object>("UPDATE users SET status_until = now() - interval '1 second' WHERE id = @id", ("id", user.UserId));

        var again = await LoginAsync();
        using var me = await GetAsync("/api/v1/users/me", again.AccessToken);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var shown = await GetAsync($"/api/v1/admin/users/{user.UserId}", admin.AccessToken);
        Assert.That((await OkDataAsync(shown))["user"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task A_suspension_must_end_in_the_future()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        using var put = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { status = "suspended", reason = "x", until = DateTimeOffset.UtcNow.AddMinutes(-5) }, admin.AccessToken);
        await AssertErrorAsync(put, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM users WHERE id = @id", ("id", user.UserId)), Is.EqualTo("active"));
        using var me = await GetAsync("/api/v1/users/me", user.AccessToken);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), "nothing was applied, sessions kept");
    }

    [Test]
    public async Task Ban_then_reinstate()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();

        using (var ban = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { status = "banned", reason = "Fraud" }, admin.AccessToken))
        {
            Assert.That((await OkDataAsync(ban))["status"]!.GetValue<string>(), Is.EqualTo("banned"));
        }

        using (var me = await GetAsync("/api/v1/users/me", user.AccessToken))
        {
            await AssertErrorAsync(me, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using (var login = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password }))
        {
            var error = await AssertErrorAsync(login, HttpStatusCode.Forbidden, "ACCOUNT_BANNED");
            Assert.That(error["error"]!["details"], Is.Null, "a ban has no end date");
        }

        using (var reinstate = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { status = "active", reason = "Appeal accepted" }, admin.AccessToken))
        {
            Assert.That((await OkDataAsync(reinstate))["status"]!.GetValue<string>(), Is.EqualTo("active"));
        }

        var back = await LoginAsync();
        using var again = await GetAsync("/api/v1/users/me", back.AccessToken);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Only_a_super_admin_grants_or_removes_admin()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var super = await UserWithRoleAsync("root", "super_admin");
        var other = await UserWithRoleAsync("other_admin", "admin");
        var user = await RegisterAsync();

        using (var grant = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { role = "admin" }, admin.AccessToken))
        {
            await AssertErrorAsync(grant, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var remove = await PutAsync($"/api/v1/admin/users/{other.UserId}", new { role = "user" }, admin.AccessToken))
        {
            await AssertErrorAsync(remove, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var suspendPeer = await PutAsync($"/api/v1/admin/users/{other.UserId}", new { status = "suspended", reason = "x" }, admin.AccessToken))
        {
            await AssertErrorAsync(suspendPeer, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var moderator = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { role = "moderator" }, admin.AccessToken))
        {
            Assert.That((await OkDataAsync(moderator))["role"]!.GetValue<string>(), Is.EqualTo("moderator"));
        }

        using (var grantBySuper = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { role = "admin" }, super.AccessToken))
        {
            Assert.That((await OkDataAsync(grantBySuper))["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        }

        using (var removeBySuper = await PutAsync($"/api/v1/admin/users/{other.UserId}", new { role = "user" }, super.AccessToken))
        {
            Assert.That((await OkDataAsync(removeBySuper))["role"]!.GetValue<string>(), Is.EqualTo("user"));
        }

        // Lowering a role ends the sessions, so no access token keeps the role it lost.
        using var demotedMe = await GetAsync("/api/v1/admin/dashboard", other.AccessToken);
        await AssertErrorAsync(demotedMe, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(
            await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'admin.user_role_change' AND target = @t", ("t", $"user:{user.UserId}")),
            Is.EqualTo(2));
    }

    [Test]
    public async Task Nobody_removes_suspends_or_bans_the_last_active_super_admin()
    {
        var super = await UserWithRoleAsync("root", "super_admin");

        foreach (var body in new object[] { new { role = "admin" }, new { status = "suspended", reason = "x" }, new { status = "banned", reason = "x" } })
        {
            using var response = await PutAsync($"/api/v1/admin/users/{super.UserId}", body, super.AccessToken);
            await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        }

        Assert.That(await Database.ScalarAsync<string>("SELECT role || '/' || status FROM users WHERE id = @id", ("id", super.UserId)), Is.EqualTo("super_admin/active"));

        // With a second active super admin, one may step down.
        var second = await UserWithRoleAsync("root2", "super_admin");
        using (var stepDown = await PutAsync($"/api/v1/admin/users/{super.UserId}", new { role = "admin" }, super.AccessToken))
        {
            Assert.That((await OkDataAsync(stepDown))["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        }

        using var last = await PutAsync($"/api/v1/admin/users/{second.UserId}", new { status = "banned", reason = "x" }, second.AccessToken);
        await AssertErrorAsync(last, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
    }

    [Test]
    public async Task A_suspended_super_admin_does_not_count_as_active()
    {
        var root = await UserWithRoleAsync("root", "super_admin");
        var sleeper = await UserWithRoleAsync("sleeper", "super_admin");
        using (var suspend = await PutAsync($"/api/v1/admin/users/{sleeper.UserId}", new { status = "suspended", reason = "leave" }, root.AccessToken))
        {
            await OkDataAsync(suspend);
        }

        using var demote = await PutAsync($"/api/v1/admin/users/{root.UserId}", new { role = "user" }, root.AccessToken);
        await AssertErrorAsync(demote, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
    }

    [Test]
    public async Task Plan_changes_are_applied_and_audited()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        using var put = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { plan = "pro" }, admin.AccessToken);
        Assert.That((await OkDataAsync(put))["plan"]!.GetValue<string>(), Is.EqualTo("pro"));
        Assert.That(await Database.ScalarAsync<string>("SELECT plan FROM users WHERE id = @id", ("id", user.UserId)), Is.EqualTo("pro"));
        Assert.That(
            await Database.ScalarAsync<string>("SELECT detail FROM audit_events WHERE action = 'admin.user_plan_change' AND target = @t", ("t", $"user:{user.UserId}")),
            Is.EqualTo("free -> pro"));
    }

    [TestCase("{\"status\":\"frozen\"}", "status")]
    [TestCase("{\"role\":\"root\"}", "role")]
    [TestCase("{\"plan\":\"gold\"}", "plan")]
    [TestCase("{\"status\":\"suspended\"}", "reason")]
    [TestCase("{\"status\":\"banned\",\"reason\":\"x\",\"until\":\"2030-01-01T00:00:00Z\"}", "until")]
    [TestCase("{}", "body")]
    public async Task Invalid_changes_are_400_by_field(string json, string field)
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/users/{user.UserId}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", admin.AccessToken);
        using var response = await Client.SendAsync(request);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()), Does.Contain(field));
    }

    [Test]
    public async Task Unknown_user_is_404()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        using var put = await PutAsync($"/api/v1/admin/users/{Guid.NewGuid()}", new { plan = "pro" }, admin.AccessToken);
        await AssertErrorAsync(put, HttpStatusCode.NotFound, "NOT_FOUND");
        using var get = await GetAsync($"/api/v1/admin/users/{Guid.NewGuid()}", admin.AccessToken);
        await AssertErrorAsync(get, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Users_list_filters_searches_sorts_and_pages()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        await RegisterAsync("alice", "alice@example.com");
        var bob = await RegisterAsync("bob", "bob@corp.test");
        await RegisterAsync("carol", "carol@example.com");
        await Database.ScalarAsync<object>("UPDATE users SET status = 'banned', status_reason = 'x' WHERE id = @id", ("id", bob.UserId));

        using (var all = await GetAsync("/api/v1/admin/users?limit=2&sort=username", moderator.AccessToken))
        {
            var body = await BodyAsync(all);
            Assert.That(all.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.Multiple(() =>
            {
                Assert.That(body["data"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()), Is.EqualTo(new[] { "alice", "bob" }));
                Assert.That(body["data"]![0]!["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
                Assert.That(body["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(4));
                Assert.That(body["pagination"]!["has_next"]!.GetValue<bool>(), Is.True);
            });
        }

        async Task<string[]> NamesAsync(string query)
        {
            using var response = await GetAsync("/api/v1/admin/users?" + query, moderator.AccessToken);
            var body = await BodyAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            return body["data"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ToArray();
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await NamesAsync("status=banned"), Is.EqualTo(new[] { "bob" }));
            Assert.That(await NamesAsync("role=moderator"), Is.EqualTo(new[] { "mod_one" }));
            Assert.That(await NamesAsync("search=CORP.test"), Is.EqualTo(new[] { "bob" }), "search covers email, case-insensitively");
            Assert.That(await NamesAsync("search=%25"), Is.Empty, "a % is a character, not a wildcard");
            Assert.That(await NamesAsync("sort=-username&status=active"), Is.EqualTo(new[] { "mod_one", "carol", "alice" }));
        });

        foreach (var bad in new[] { "sort=password", "role=god", "status=sleeping", "page=0", "limit=101" })
        {
            using var response = await GetAsync("/api/v1/admin/users?" + bad, moderator.AccessToken);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }
    }

    [Test]
    public async Task User_detail_has_recent_audit_as_actor_and_as_target()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        using (var put = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { plan = "pro" }, admin.AccessToken))
        {
            await OkDataAsync(put);
        }

        using var get = await GetAsync($"/api/v1/admin/users/{user.UserId}", admin.AccessToken);
        var data = await OkDataAsync(get);
        var actions = data["recent_audit"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(data["user"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(data["active_sessions"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(actions, Is.EqualTo(new[] { "admin.user_plan_change", "auth.register" }), "newest first: target of the plan change, actor of the registration");
        });
    }

    [Test]
    public async Task Dashboard_counts()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var reporter = await RegisterAsync("alice", "alice@example.com");
        var target = await RegisterAsync("bob", "bob@example.com");
        await FileReportAsync(reporter, target.UserId);
        await Database.ScalarAsync<object>("UPDATE users SET created_at = now() - interval '3 days' WHERE id = @id", ("id", target.UserId));

        using var response = await GetAsync("/api/v1/admin/dashboard", moderator.AccessToken);
        var data = await OkDataAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(data["users_count"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(data["new_users_today"]!.GetValue<long>(), Is.EqualTo(2), "bob was created three days ago");
            Assert.That(data["active_sessions"]!.GetValue<long>(), Is.EqualTo(4), "mod_one registered and signed in again: two sessions");
            Assert.That(data["open_reports"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Audit_filters_by_actor_action_target_and_time()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        using (var put = await PutAsync($"/api/v1/admin/users/{user.UserId}", new { status = "suspended", reason = "x", until = DateTimeOffset.UtcNow.AddDays(1) }, admin.AccessToken))
        {
            await OkDataAsync(put);
        }

        async Task<JsonArray> EventsAsync(string query)
        {
            using var response = await GetAsync("/api/v1/admin/audit?" + query, admin.AccessToken);
            var body = await BodyAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            return body["data"]!.AsArray();
        }

        var byTarget = await EventsAsync($"target=user:{user.UserId}");
        Assert.That(byTarget.Select(e => e!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "admin.user_status_change" }));
        Assert.That(byTarget[0]!["actor_user_id"]!.GetValue<Guid>(), Is.EqualTo(admin.UserId));
        Assert.That((await EventsAsync($"actor={user.UserId}")).Select(e => e!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "auth.register" }));
        Assert.That((await EventsAsync("action=auth.login")).Count, Is.EqualTo(1), "boss signed in again after the role change");
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.That(await EventsAsync($"from={future}"), Is.Empty);
        Assert.That((await EventsAsync($"to={future}&limit=100")).Count, Is.EqualTo(4));

        using var bad = await GetAsync($"/api/v1/admin/audit?from={future}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}", admin.AccessToken);
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Analytics_has_every_day_zero_filled()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        await LoginAsync();
        await Database.ScalarAsync<object>("UPDATE users SET created_at = now() - interval '2 days' WHERE id = @id", ("id", user.UserId));

        using var response = await GetAsync("/api/v1/admin/analytics?days=5", admin.AccessToken);
        var data = await OkDataAsync(response);
        var series = data["series"]!.AsArray();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.That(series.Select(d => DateOnly.Parse(d!["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(Enumerable.Range(-4, 5).Select(today.AddDays)));
        Assert.Multiple(() =>
        {
            Assert.That(series.Sum(d => d!["signups"]!.GetValue<long>()), Is.EqualTo(2));
            Assert.That(series[2]!["signups"]!.GetValue<long>(), Is.EqualTo(1), "two days ago");
            Assert.That(series[4]!["logins"]!.GetValue<long>(), Is.EqualTo(2), "boss and dj_nova signed in today");
            Assert.That(series[4]!["active_users"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(series[0]!["signups"]!.GetValue<long>() + series[0]!["logins"]!.GetValue<long>() + series[0]!["active_users"]!.GetValue<long>(), Is.Zero);
        });

        using (var defaults = await GetAsync("/api/v1/admin/analytics", admin.AccessToken))
        {
            Assert.That((await OkDataAsync(defaults))["series"]!.AsArray(), Has.Count.EqualTo(30));
        }

        foreach (var days in new[] { 0, 366, -1 })
        {
            using var bad = await GetAsync($"/api/v1/admin/analytics?days={days}", admin.AccessToken);
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }
    }
}
