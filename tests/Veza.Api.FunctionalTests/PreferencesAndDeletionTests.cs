using System.Net;
using System.Text;

namespace Veza.Api.FunctionalTests;

public class PreferencesAndDeletionTests : UserApiTestBase
{
    [Test]
    public async Task Preferences_are_the_defaults_until_set_then_merge_what_is_given()
    {
        var nova = await UserAsync("dj_nova");

        var defaults = (await OkAsync(await GetAsync("/api/v1/users/me/preferences", nova.AccessToken)))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(defaults["notifications"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "follows", "messages", "mentions", "reports", "system" }));
            Assert.That(defaults["notifications"]!["follows"]!["in_app"]!.GetValue<bool>(), Is.True);
            Assert.That(defaults["notifications"]!["follows"]!["email"]!.GetValue<bool>(), Is.False);
            Assert.That(defaults["privacy"]!["profile"]!.GetValue<string>(), Is.EqualTo("public"));
            Assert.That(defaults["privacy"]!["show_online_status"]!.GetValue<bool>(), Is.True);
            Assert.That(defaults["privacy"]!["direct_messages"]!.GetValue<string>(), Is.EqualTo("everyone"));
            Assert.That(defaults["audio"]!["stream_quality"]!.GetValue<string>(), Is.EqualTo("normal"));
            Assert.That(defaults["audio"]!["autoplay"]!.GetValue<bool>(), Is.True);
        });

        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { notifications = new { messages = new { email = true } }, audio = new { stream_quality = "high" } }, nova.AccessToken));
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { direct_messages = "following" } }, nova.AccessToken));

        var stored = (await OkAsync(await GetAsync("/api/v1/users/me/preferences", nova.AccessToken)))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(stored["notifications"]!["messages"]!["email"]!.GetValue<bool>(), Is.True);
            Assert.That(stored["notifications"]!["messages"]!["in_app"]!.GetValue<bool>(), Is.True);
            Assert.That(stored["audio"]!["stream_quality"]!.GetValue<string>(), Is.EqualTo("high"));
            Assert.That(stored["audio"]!["autoplay"]!.GetValue<bool>(), Is.True);
            Assert.That(stored["privacy"]!["direct_messages"]!.GetValue<string>(), Is.EqualTo("following"));
            Assert.That(stored["privacy"]!["profile"]!.GetValue<string>(), Is.EqualTo("public"));
        });
        Assert.That(await Database.ScalarAsync<string>("SELECT preferences->'audio'->>'stream_quality' FROM user_preferences"), Is.EqualTo("high"));
    }

    [TestCase("{\"theme\":\"dark\"}", "theme")]
    [TestCase("{\"privacy\":{\"profile\":\"private\",\"admin\":true}}", "privacy.admin")]
    [TestCase("{\"notifications\":{\"follows\":{\"sms\":true}}}", "notifications.follows.sms")]
    [TestCase("{\"notifications\":{\"carrier_pigeon\":{\"email\":true}}}", "notifications.carrier_pigeon")]
    [TestCase("{\"privacy\":{\"profile\":\"friends\"}}", "privacy.profile")]
    [TestCase("{\"privacy\":{\"direct_messages\":5}}", "privacy.direct_messages")]
    [TestCase("{\"audio\":{\"stream_quality\":\"lossless\"}}", "audio.stream_quality")]
    [TestCase("{\"audio\":{\"autoplay\":\"yes\"}}", "audio.autoplay")]
    [TestCase("{\"notifications\":{\"follows\":null}}", "notifications.follows")]
    [TestCase("{\"notifications\":null}", "notifications")]
    [TestCase("{\"privacy\":null}", "privacy")]
    [TestCase("{\"audio\":null}", "audio")]
    [TestCase("{\"privacy\":{\"profile\":null}}", "privacy.profile")]
    [TestCase("{\"notifications\":{\"follows\":{\"email\":null}}}", "notifications.follows.email")]
    public async Task Invalid_preferences_are_refused_with_the_field_and_nothing_is_stored(string json, string field)
    {
        var nova = await UserAsync("dj_nova");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/me/preferences") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", nova.AccessToken);

        using var response = await Client.SendAsync(request);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { field }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_preferences"), Is.Zero);
    }

    [Test]
    public async Task Deleting_the_account_with_a_wrong_password_is_a_field_error_counted_as_a_failed_login()
    {
        var nova = await UserAsync("dj_nova");

        var body = await AssertErrorAsync(await DeleteAsync("/api/v1/users/me", new { password = "not-my-password" }, nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(Fields(body), Is.EqualTo(new[] { "password" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM login_throttles WHERE failures = 1"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<string>("SELECT status FROM users"), Is.EqualTo("active"));
        Assert.That(await Database.ScalarAsync<string>("SELECT outcome FROM audit_events WHERE action = 'users.account_delete'"), Is.EqualTo("failure"));
        await OkAsync(await GetAsync("/api/v1/users/me", nova.AccessToken));
        Assert.That(Fields(await AssertErrorAsync(await DeleteAsync("/api/v1/users/me", new { }, nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
            Is.EqualTo(new[] { "password" }));
    }

    [Test]
    public async Task Deleting_the_account_revokes_every_session_anonymises_it_and_no_login_works_again()
    {
        var nova = await UserAsync("dj_nova");
        var second = await LoginAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        await OkAsync(await PutAsync("/api/v1/users/me", new { bio = "about me", first_name = "Nova" }, nova.AccessToken));
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { audio = new { autoplay = false } }, nova.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{bob.UserId}/follow", new { }, nova.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{bob.UserId}/block", new { }, nova.AccessToken));

        var deleted = await OkAsync(await DeleteAsync("/api/v1/users/me", new { password = Password }, nova.AccessToken));

        Assert.That(deleted["data"]!["deleted"]!.GetValue<bool>(), Is.True);
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", nova.AccessToken), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", second.AccessToken), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await PostAsync("/api/v1/auth/refresh", new { refresh_token = second.RefreshToken }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await PostAsync("/api/v1/auth/login", new { login = "dj_nova@example.com", password = Password }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id AND revoked_at IS NULL", ("id", nova.UserId)), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM follows"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM blocks"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_preferences"), Is.Zero);
            Assert.That(await Database.ScalarAsync<string>("SELECT bio FROM users WHERE id = @id", ("id", nova.UserId)), Is.Null);
            Assert.That(await Database.ScalarAsync<string>("SELECT outcome FROM audit_events WHERE action = 'users.account_delete'"), Is.EqualTo("success"));
        });

        var profile = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken)))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(profile["display_name"]!.GetValue<string>(), Is.EqualTo("Deleted user"));
            Assert.That(profile["is_deleted"]!.GetValue<bool>(), Is.True);
            Assert.That(profile["restricted"]!.GetValue<bool>(), Is.True);
            Assert.That(profile["first_name"], Is.Null);
        });
        await AssertErrorAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        // The username stays reserved; the email is free for a new account.
        await AssertErrorAsync(await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "new@example.com", password = Password }), HttpStatusCode.Conflict, "CONFLICT");
        await RegisterAsync("new_nova", "dj_nova@example.com");
    }
}
