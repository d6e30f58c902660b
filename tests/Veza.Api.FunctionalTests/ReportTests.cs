using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>POST /reports and the moderators' /admin/reports.</summary>
public sealed class ReportTests : AdminApiTestBase
{
    [Test]
    public async Task A_report_is_filed_once_while_open()
    {
        var reporter = await RegisterAsync("alice", "alice@example.com");
        var target = await RegisterAsync("bob", "bob@example.com");

        using var first = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = target.UserId, reason = "impersonation", details = "Copies my name.\r\nAnd my avatar.\tSee." }, reporter.AccessToken);
        var body = await BodyAsync(first);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var data = body["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(first.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/reports/{data["id"]}"));
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("open"));
            Assert.That(data["reason"]!.GetValue<string>(), Is.EqualTo("impersonation"));
            Assert.That(data["details"]!.GetValue<string>(), Does.Contain("\r\nAnd my avatar."));
            Assert.That(data["reporter_id"]!.GetValue<Guid>(), Is.EqualTo(reporter.UserId));
        });

        using var again = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = target.UserId, reason = "spam" }, reporter.AccessToken);
        await AssertErrorAsync(again, HttpStatusCode.Conflict, "CONFLICT");
        Assert.That(
            await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'reports.file' AND actor_user_id = @a", ("a", reporter.UserId)), Is.EqualTo(1));
    }

    [Test]
    public async Task Reporting_yourself_is_422_and_an_unknown_target_404()
    {
        var reporter = await RegisterAsync();
        using var self = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = reporter.UserId, reason = "spam" }, reporter.AccessToken);
        await AssertErrorAsync(self, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        using var unknown = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = Guid.NewGuid(), reason = "spam" }, reporter.AccessToken);
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        using var anonymous = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = reporter.UserId, reason = "spam" });
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [TestCase("spaceship", "spam", 10, "target_type")]
    [TestCase("user", "rude", 10, "reason")]
    [TestCase("user", "other", 2001, "details")]
    [TestCase("", "other", 10, "target_type")]
    public async Task Invalid_reports_are_400_by_field(string targetType, string reason, int detailsLength, string field)
    {
        var reporter = await RegisterAsync("alice", "alice@example.com");
        var target = await RegisterAsync("bob", "bob@example.com");
        using var response = await PostAsync("/api/v1/reports", new { target_type = targetType, target_id = target.UserId, reason, details = new string('x', detailsLength) }, reporter.AccessToken);
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()), Does.Contain(field));
    }

    [Test]
    public async Task Details_refuse_control_characters_other_than_line_breaks()
    {
        var reporter = await RegisterAsync("alice", "alice@example.com");
        var target = await RegisterAsync("bob", "bob@example.com");
        using var response = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = target.UserId, reason = "spam", details = "bad\u0000byte" }, reporter.AccessToken);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Moderators_list_filter_and_page_reports()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var alice = await RegisterAsync("alice", "alice@example.com");
        var bob = await RegisterAsync("bob", "bob@example.com");
        var carol = await RegisterAsync("carol", "carol@example.com");
        await FileReportAsync(alice, bob.UserId, "spam");
        await FileReportAsync(alice, carol.UserId, "abuse");
        var third = await FileReportAsync(bob, carol.UserId, "spam");
        using (var dismiss = await PostAsync($"/api/v1/admin/reports/{third}/resolve", new { action = "dismiss" }, moderator.AccessToken))
        {
            await OkDataAsync(dismiss);
        }

        async Task<(string[] Reasons, long Total)> ListAsync(string query)
        {
            using var response = await GetAsync("/api/v1/admin/reports?" + query, moderator.AccessToken);
            var body = await BodyAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            return (body["data"]!.AsArray().Select(r => r!["reason"]!.GetValue<string>()).ToArray(), body["pagination"]!["total"]!.GetValue<long>());
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await ListAsync("")).Total, Is.EqualTo(3));
            var open = await ListAsync("status=open");
            Assert.That(open.Reasons, Is.EqualTo(new[] { "abuse", "spam" }), "newest first");
            Assert.That(open.Total, Is.EqualTo(2));
            Assert.That((await ListAsync("status=dismissed")).Total, Is.EqualTo(1));
            Assert.That((await ListAsync("reason=spam&status=open")).Total, Is.EqualTo(1));
            Assert.That((await ListAsync("target_type=user&limit=1&page=2")).Reasons, Has.Length.EqualTo(1));
        });

        foreach (var bad in new[] { "status=closed", "reason=rude", "target_type=planet", "limit=0" })
        {
            using var response = await GetAsync("/api/v1/admin/reports?" + bad, moderator.AccessToken);
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }

        using var one = await GetAsync($"/api/v1/admin/reports/{third}", moderator.AccessToken);
        var report = await OkDataAsync(one);
        Assert.Multiple(() =>
        {
            Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("dismissed"));
            Assert.That(report["resolution"]!.GetValue<string>(), Is.EqualTo("dismiss"));
            Assert.That(report["resolved_by"]!.GetValue<Guid>(), Is.EqualTo(moderator.UserId));
        });
        using var missing = await GetAsync($"/api/v1/admin/reports/{Guid.NewGuid()}", moderator.AccessToken);
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_resolved_report_cannot_be_resolved_again_and_a_new_one_may_be_filed()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var alice = await RegisterAsync("alice", "alice@example.com");
        var bob = await RegisterAsync("bob", "bob@example.com");
        var id = await FileReportAsync(alice, bob.UserId);

        using (var first = await PostAsync($"/api/v1/admin/reports/{id}/resolve", new { action = "dismiss", note = "Not spam." }, moderator.AccessToken))
        {
            var data = await OkDataAsync(first);
            Assert.That(data["resolution_note"]!.GetValue<string>(), Is.EqualTo("Not spam."));
        }

        using (var second = await PostAsync($"/api/v1/admin/reports/{id}/resolve", new { action = "suspend_user" }, moderator.AccessToken))
        {
            await AssertErrorAsync(second, HttpStatusCode.Conflict, "CONFLICT");
        }

        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM users WHERE id = @id", ("id", bob.UserId)), Is.EqualTo("active"), "the second resolution did nothing");
        Assert.That(
            await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'reports.resolve' AND target = @t", ("t", $"report:{id}")), Is.EqualTo(1));
        await FileReportAsync(alice, bob.UserId);
    }

    [Test]
    public async Task Suspend_user_suspends_the_owner_and_ends_their_sessions()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var alice = await RegisterAsync("alice", "alice@example.com");
        var bob = await RegisterAsync("bob", "bob@example.com");
        var id = await FileReportAsync(alice, bob.UserId, "abuse");
        var until = DateTimeOffset.UtcNow.AddDays(2);

        using (var resolve = await PostAsync($"/api/v1/admin/reports/{id}/resolve", new { action = "suspend_user", note = "Threats", until }, moderator.AccessToken))
        {
            var data = await OkDataAsync(resolve);
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
            Assert.That(data["resolution"]!.GetValue<string>(), Is.EqualTo("suspend_user"));
        }

        using var me = await GetAsync("/api/v1/users/me", bob.AccessToken);
        await AssertErrorAsync(me, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var login = await PostAsync("/api/v1/auth/login", new { login = "bob", password = Password });
        await AssertErrorAsync(login, HttpStatusCode.Forbidden, "ACCOUNT_SUSPENDED");
        Assert.That(
            await Database.ScalarAsync<string>("SELECT status_reason FROM users WHERE id = @id", ("id", bob.UserId)), Is.EqualTo("Threats"));
    }

    [Test]
    public async Task Suspend_user_follows_the_ranks_and_hide_content_needs_content()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var admin = await UserWithRoleAsync("boss", "admin");
        var alice = await RegisterAsync("alice", "alice@example.com");
        var onAdmin = await FileReportAsync(alice, admin.UserId, "abuse");

        using (var byModerator = await PostAsync($"/api/v1/admin/reports/{onAdmin}/resolve", new { action = "suspend_user" }, moderator.AccessToken))
        {
            await AssertErrorAsync(byModerator, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var hide = await PostAsync($"/api/v1/admin/reports/{onAdmin}/resolve", new { action = "hide_content" }, moderator.AccessToken))
        {
            await AssertErrorAsync(hide, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        }

        using (var past = await PostAsync($"/api/v1/admin/reports/{onAdmin}/resolve", new { action = "suspend_user", until = DateTimeOffset.UtcNow.AddDays(-1) }, admin.AccessToken))
        {
            await AssertErrorAsync(past, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        using (var untilOnDismiss = await PostAsync($"/api/v1/admin/reports/{onAdmin}/resolve", new { action = "dismiss", until = DateTimeOffset.UtcNow.AddDays(1) }, moderator.AccessToken))
        {
            await AssertErrorAsync(untilOnDismiss, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }

        using (var badAction = await PostAsync($"/api/v1/admin/reports/{onAdmin}/resolve", new { action = "delete" }, moderator.AccessToken))
        {
            await AssertErrorAsync(badAction, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }

        using (var unknown = await PostAsync($"/api/v1/admin/reports/{Guid.NewGuid()}/resolve", new { action = "dismiss" }, moderator.AccessToken))
        {
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM reports WHERE id = @id", ("id", onAdmin)), Is.EqualTo("open"));
        var bob = await RegisterAsync("bob", "bob@example.com");
        var onBob = await FileReportAsync(alice, bob.UserId);
        using var pastUntil = await PostAsync($"/api/v1/admin/reports/{onBob}/resolve", new { action = "suspend_user", until = DateTimeOffset.UtcNow.AddDays(-1) }, moderator.AccessToken);
        await AssertErrorAsync(pastUntil, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM reports WHERE id = @id", ("id", onBob)), Is.EqualTo("open"));
    }

    [Test]
    public async Task Races_end_with_one_winner_and_a_409()
    {
        var moderator = await UserWithRoleAsync("mod_one", "moderator");
        var other = await UserWithRoleAsync("mod_two", "moderator");
        var alice = await RegisterAsync("alice", "alice@example.com");
        var bob = await RegisterAsync("bob", "bob@example.com");

        var filings = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            PostAsync("/api/v1/reports", new { target_type = "user", target_id = bob.UserId, reason = "spam" }, alice.AccessToken)));
        Assert.That(filings.Select(r => (int)r.StatusCode).Order(), Is.EqualTo(new[] { 201, 409, 409, 409 }));
        var id = Guid.Parse((await BodyAsync(filings.Single(r => r.StatusCode == HttpStatusCode.Created)))["data"]!["id"]!.GetValue<string>());
        foreach (var response in filings)
        {
            response.Dispose();
        }

        var resolutions = await Task.WhenAll(
            PostAsync($"/api/v1/admin/reports/{id}/resolve", new { action = "dismiss" }, moderator.AccessToken),
            PostAsync($"/api/v1/admin/reports/{id}/resolve", new { action = "suspend_user" }, other.AccessToken));
        Assert.That(resolutions.Select(r => (int)r.StatusCode).Order(), Is.EqualTo(new[] { 200, 409 }));
        var winner = (await BodyAsync(resolutions.Single(r => r.StatusCode == HttpStatusCode.OK)))["data"]!["resolution"]!.GetValue<string>();
        Assert.That(
            await Database.ScalarAsync<string>("SELECT status FROM users WHERE id = @id", ("id", bob.UserId)),
            Is.EqualTo(winner == "suspend_user" ? "suspended" : "active"),
            "the losing resolution changed nothing");
        foreach (var response in resolutions)
        {
            response.Dispose();
        }
    }
}
