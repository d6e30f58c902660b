using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>Helpers for the administration tests: accounts with a role, reports.</summary>
public abstract class AdminApiTestBase : ApiTestBase
{
    /// <summary>Registers the user, sets the role in SQL, and signs in again so the access token carries it.</summary>
    protected async Task<Tokens> UserWithRoleAsync(string username, string role = "user")
    {
        var registered = await RegisterAsync(username, $"{username}@example.com");
        if (role == "user")
        {
            return registered;
        }

        await Database.ScalarAsync<object>("UPDATE users SET role = @role WHERE id = @id", ("role", role), ("id", registered.UserId));
        return await LoginAsync(username);
    }

    protected async Task<Guid> FileReportAsync(Tokens reporter, Guid targetUserId, string reason = "spam")
    {
        using var response = await PostAsync("/api/v1/reports", new { target_type = "user", target_id = targetUserId, reason, details = "Posts the same link everywhere." }, reporter.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return Guid.Parse((await BodyAsync(response))["data"]!["id"]!.GetValue<string>());
    }

    protected async Task<JsonNode> OkDataAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["data"]!;
    }

    protected Task<HttpResponseMessage> PutSettingsAsync(object body, string accessToken) => PutAsync("/api/v1/admin/settings", body, accessToken);
}
