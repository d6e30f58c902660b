using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Veza.Api.Endpoints;

namespace Veza.Api.FunctionalTests;

/// <summary>GET/PUT /admin/settings and what the settings do: closed registration, maintenance mode.</summary>
public sealed class SettingsTests : AdminApiTestBase
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IEndpointGroup, EveryVerbEndpoints>();

    [Test]
    public async Task Defaults_apply_until_saved_and_a_change_keeps_the_other_settings()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        using (var get = await GetAsync("/api/v1/admin/settings", admin.AccessToken))
        {
            var data = await OkDataAsync(get);
            Assert.Multiple(() =>
            {
                Assert.That(data["registration_open"]!.GetValue<bool>(), Is.True);
                Assert.That(data["upload_quota_bytes"]!["free"]!.GetValue<long>(), Is.EqualTo(1L << 30));
                Assert.That(data["upload_quota_bytes"]!["pro"]!.GetValue<long>(), Is.EqualTo(50L << 30));
                Assert.That(data["max_upload_bytes"]!.GetValue<long>(), Is.EqualTo(200L << 20));
                Assert.That(data["maintenance_mode"]!.GetValue<bool>(), Is.False);
            });
        }

        using (var put = await PutSettingsAsync(new { upload_quota_bytes = new { pro = 100L << 30 } }, admin.AccessToken))
        {
            var data = await OkDataAsync(put);
            Assert.Multiple(() =>
            {
                Assert.That(data["upload_quota_bytes"]!["pro"]!.GetValue<long>(), Is.EqualTo(100L << 30));
                Assert.That(data["upload_quota_bytes"]!["free"]!.GetValue<long>(), Is.EqualTo(1L << 30));
                Assert.That(data["updated_by"]!.GetValue<Guid>(), Is.EqualTo(admin.UserId));
            });
        }

        using (var put = await PutSettingsAsync(new { max_upload_bytes = 10L << 20 }, admin.AccessToken))
        {
            var data = await OkDataAsync(put);
            Assert.That(data["upload_quota_bytes"]!["pro"]!.GetValue<long>(), Is.EqualTo(100L << 30), "the earlier change is kept");
            Assert.That(data["max_upload_bytes"]!.GetValue<long>(), Is.EqualTo(10L << 20));
        }

        Assert.That(
            await Database.ScalarAsync<string>("SELECT string_agg(detail, ' | ' ORDER BY occurred_at) FROM audit_events WHERE action = 'admin.settings_change' AND target = 'settings'"),
            Is.EqualTo($"upload_quota_bytes.pro={100L << 30} | max_upload_bytes={10L << 20}"));
    }

    [TestCase("{\"max_upload_bytes\":0}", "max_upload_bytes")]
    [TestCase("{\"upload_quota_bytes\":{\"free\":-1}}", "upload_quota_bytes.free")]
    public async Task Invalid_settings_are_400(string json, string field)
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/settings") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", admin.AccessToken);
        using var response = await Client.SendAsync(request);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()), Does.Contain(field));
    }

    [Test]
    public async Task Closed_registration_refuses_new_accounts_with_403()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        using (var close = await PutSettingsAsync(new { registration_open = false }, admin.AccessToken))
        {
            await OkDataAsync(close);
        }

        using (var refused = await PostAsync("/api/v1/auth/register", new { username = "late_comer", email = "late@example.com", password = Password }))
        {
            var body = await AssertErrorAsync(refused, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.Contain("Registration is closed"));
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE username = 'late_comer'"), Is.Zero);
        await LoginAsync("boss");

        using (var open = await PutSettingsAsync(new { registration_open = true }, admin.AccessToken))
        {
            await OkDataAsync(open);
        }

        await RegisterAsync("late_comer", "late@example.com");
    }

    [Test]
    public async Task Maintenance_mode_refuses_writes_with_503_keeps_reads_and_lets_an_admin_turn_it_off()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var user = await RegisterAsync();
        var target = await RegisterAsync("bob", "bob@example.com");
        using (var on = await PutSettingsAsync(new { maintenance_mode = true }, admin.AccessToken))
        {
            Assert.That((await OkDataAsync(on))["maintenance_mode"]!.GetValue<bool>(), Is.True);
        }

        using (var report = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = target.UserId, reason = "spam" }, user.AccessToken))
        {
            await AssertErrorAsync(report, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            Assert.That(report.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        }

        using (var register = await PostAsync("/api/v1/auth/register", new { username = "late_comer", email = "late@example.com", password = Password }))
        {
            await AssertErrorAsync(register, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        }

        using (var put = await PutAsync($"/api/v1/admin/users/{target.UserId}", new { plan = "pro" }, admin.AccessToken))
        {
            await AssertErrorAsync(put, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        }

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var write = await SendAsync(method, EveryVerbEndpoints.Path, null, user.AccessToken);
            await AssertErrorAsync(write, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        }

        using (var probe = await GetAsync(EveryVerbEndpoints.Path, user.AccessToken))
        {
            Assert.That(probe.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var read = await GetAsync("/api/v1/users/me", user.AccessToken))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var adminRead = await GetAsync("/api/v1/admin/dashboard", admin.AccessToken))
        {
            await OkDataAsync(adminRead);
        }

        // Signing in and refreshing keep working, so an admin can reach the switch; signing out always works.
        var again = await LoginAsync("boss");
        using (var refresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = again.RefreshToken }))
        {
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var spare = await LoginAsync();
        using (var logout = await PostAsync("/api/v1/auth/logout", new { refresh_token = spare.RefreshToken }))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var off = await PutSettingsAsync(new { maintenance_mode = false }, again.AccessToken))
        {
            Assert.That((await OkDataAsync(off))["maintenance_mode"]!.GetValue<bool>(), Is.False);
        }

        await FileReportAsync(user, target.UserId);
    }

    [Test]
    public async Task The_settings_endpoint_still_checks_roles_in_maintenance()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        using (var on = await PutSettingsAsync(new { maintenance_mode = true }, admin.AccessToken))
        {
            await OkDataAsync(on);
        }

        using var byModerator = await PutSettingsAsync(new { maintenance_mode = false }, moderator.AccessToken);
        await AssertErrorAsync(byModerator, HttpStatusCode.Forbidden, "FORBIDDEN");
        using var anonymous = await PutAsync("/api/v1/admin/settings", new { maintenance_mode = false });
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    /// <summary>One route answering every verb, to show the middleware goes by method, not by feature.</summary>
    private sealed class EveryVerbEndpoints : IEndpointGroup
    {
        public const string Path = "/test-only/every-verb";

        public void Map(IEndpointRouteBuilder app) =>
            app.MapMethods(Path, ["GET", "POST", "PUT", "PATCH", "DELETE"], () => Results.Ok()).AllowAnonymous();
    }
}
