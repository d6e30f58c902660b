using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Veza.TestKit;

namespace Veza.Cluster.Tests;

/// <summary>The few API calls the cluster tests make, as any HTTP client makes them (no access to a node's services).</summary>
public static class Api
{
    public const string Password = "violet-tape-deck-42";

    public sealed record Account(string AccessToken, string RefreshToken, Guid UserId);

    public static async Task<Account> RegisterAsync(HttpClient client, string username)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { username, email = $"{username}@example.com", password = Password });
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return AccountFrom(body);
    }

    public static async Task<Account> LoginAsync(HttpClient client, string username)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { login = username, password = Password });
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return AccountFrom(body);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? accessToken, object? json = null) =>
        SendAsync(client, method, path, accessToken, json is null ? null : JsonContent.Create(json));

    /// <summary>The response's <c>data</c>, asserting a success status.</summary>
    public static async Task<JsonNode> DataAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {body.ToJsonString()}");
        return body["data"]!;
    }

    public static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject();

    /// <summary>POST /api/v1/tracks with the file last; the new track's id.</summary>
    public static async Task<Guid> UploadTrackAsync(HttpClient client, string accessToken, string wavPath, string title)
    {
        await using var file = File.OpenRead(wavPath);
        return await UploadTrackAsync(client, accessToken, file, Path.GetFileName(wavPath), title);
    }

    public static async Task<Guid> UploadTrackAsync(HttpClient client, string accessToken, Stream wav, string fileName, string title)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(title), "title");
        var file = new StreamContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        content.Add(file, "file", fileName);
        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/tracks", accessToken, content);
        return (await DataAsync(response))["id"]!.GetValue<Guid>();
    }

    /// <summary>The track's processing status once it is no longer "processing".</summary>
    public static async Task<string> ProcessedStatusAsync(HttpClient client, string accessToken, Guid track, TimeSpan within)
    {
        var status = "processing";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await SendAsync(client, HttpMethod.Get, $"/api/v1/tracks/{track}/processing", accessToken);
            status = (await DataAsync(response))["status"]!.GetValue<string>();
            return status != "processing";
        }, within);
        return status;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? accessToken, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await client.SendAsync(request);
    }

    private static Account AccountFrom(JsonNode body) => new(
        body["data"]!["access_token"]!.GetValue<string>(),
        body["data"]!["refresh_token"]!.GetValue<string>(),
        body["data"]!["user"]!["id"]!.GetValue<Guid>());
}
