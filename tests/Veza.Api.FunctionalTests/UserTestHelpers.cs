using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>What the users and social tests share: users by name, admins, and reading the paged envelope.</summary>
public abstract class UserApiTestBase : ApiTestBase
{
    protected Task<Tokens> UserAsync(string username) => RegisterAsync(username, $"{username}@example.com");

    /// <summary>Makes the user an admin (by SQL, as the admin routes belong to another part of the issue) and signs in again for a token with the role.</summary>
    protected async Task<Tokens> AdminAsync(string username = "admin_ana")
    {
        var tokens = await UserAsync(username);
        await Database.ScalarAsync<int>("UPDATE users SET role = 'admin' WHERE id = @id RETURNING 1", ("id", tokens.UserId));
        return await LoginAsync(username);
    }

    protected Task<HttpResponseMessage> DeleteAsync(string path, object? body, string? accessToken) => SendAsync(HttpMethod.Delete, path, body, accessToken);

    protected static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["success"]!.GetValue<bool>(), Is.True);
        return body;
    }

    protected static string[] Usernames(JsonNode body) => body["data"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ToArray();

    protected static string[] Fields(JsonNode errorBody) => errorBody["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).ToArray();
}
