using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Caching;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>One database and one API per fixture; every test starts from empty tables.</summary>
public abstract class ApiTestBase
{
    protected const string Password = "violet-tape-deck-42";

    protected TestDatabase Database { get; private set; } = null!;
    protected VezaApiFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>What a fixture adds to the API's container, such as a test-only endpoint group.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>True to serve through Kestrel on a loopback port, for what the in-memory test server does not do (it enforces no body size limit).</summary>
    protected virtual bool UsesKestrel => false;

    /// <summary>Kestrel's port: 0 for any free one, or one chosen before start-up for a server that calls the API back.</summary>
    protected virtual int KestrelPort => 0;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        Database = await TestDatabase.CreateAsync();
        Factory = new VezaApiFactory(Database.ConnectionString, Settings, ConfigureServices);
        if (UsesKestrel)
        {
            Factory.UseKestrel(KestrelPort);
        }

        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>False for fixtures that assert on what start-up itself stored.</summary>
    protected virtual bool ResetBetweenTests => true;

    /// <summary>
    /// The cache outlives the emptied tables: the public room list is the one entry not keyed by an id a later test could
    /// not reuse, so it goes with them (a test would otherwise count the rooms of the one before).
    /// </summary>
    [SetUp]
    public async Task EmptyTables()
    {
        if (ResetBetweenTests)
        {
            await Database.ResetAsync();
            await Factory.Services.GetRequiredService<ICache>().RemoveAsync([CacheKeys.PublicChatRooms], CancellationToken.None);
        }
    }

    /// <summary>The id of what a 201 answer created (disposing the response); fails with the body otherwise.</summary>
    protected static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await BodyAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
            return body["data"]!["id"]!.GetValue<Guid>();
        }
    }

    protected static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("empty body");

    protected Task<HttpResponseMessage> PostAsync(string path, object body, string? accessToken = null) => SendAsync(HttpMethod.Post, path, body, accessToken);

    protected Task<HttpResponseMessage> PutAsync(string path, object body, string? accessToken = null) => SendAsync(HttpMethod.Put, path, body, accessToken);

    protected Task<HttpResponseMessage> GetAsync(string path, string? accessToken = null) => SendAsync(HttpMethod.Get, path, null, accessToken);

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? accessToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Registers and returns (access_token, refresh_token, user id).</summary>
    protected async Task<Tokens> RegisterAsync(string username = "dj_nova", string email = "nova@example.com", string password = Password)
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username, email, password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return Tokens.From(await BodyAsync(response));
    }

    protected async Task<Tokens> LoginAsync(string login = "dj_nova", string password = Password)
    {
        using var response = await PostAsync("/api/v1/auth/login", new { login, password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return Tokens.From(await BodyAsync(response));
    }

    /// <summary>Asserts the documented error envelope and returns it.</summary>
    protected static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await BodyAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body.ToJsonString());
            Assert.That(body["success"]!.GetValue<bool>(), Is.False);
            Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
            Assert.That(body["error"]!["message"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(body["meta"]!["request_id"]!.GetValue<string>(), Is.EqualTo(response.Headers.GetValues("X-Request-Id").Single()));
        });
        return body;
    }

    protected sealed record Tokens(string AccessToken, string RefreshToken, Guid UserId)
    {
        public static Tokens From(JsonNode body) => new(
            body["data"]!["access_token"]!.GetValue<string>(),
            body["data"]!["refresh_token"]!.GetValue<string>(),
            Guid.Parse(body["data"]!["user"]!["id"]!.GetValue<string>()));
    }
}
