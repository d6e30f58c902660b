using System.Net;
using System.Text.Json.Nodes;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

public class PlatformTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:MaxRequestBodyBytes"] = "4096",
    };

    [Test]
    public async Task Every_response_has_an_envelope_and_a_request_id_and_echoes_a_given_one()
    {
        var tokens = await RegisterAsync();
        var responses = new List<HttpResponseMessage>
        {
            await GetAsync("/api/v1/auth/me", tokens.AccessToken),
            await GetAsync("/api/v1/auth/me"),
            await GetAsync("/api/v1/no-such-thing"),
            await PostAsync("/api/v1/auth/login", new { login = "" }),
            await GetAsync("/health"),
            await Client.DeleteAsync("/api/v1/auth/login"),
        };

        foreach (var response in responses)
        {
            var body = await BodyAsync(response);
            var id = response.Headers.GetValues("X-Request-Id").Single();
            Assert.That(id, Is.Not.Empty);
            Assert.That(body["meta"]!["request_id"]!.GetValue<string>(), Is.EqualTo(id), response.RequestMessage!.RequestUri!.ToString());
            Assert.That(body["success"]!.GetValue<bool>(), Is.EqualTo(response.IsSuccessStatusCode));
            response.Dispose();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-Id", "client-chosen-42");
        using var echoed = await Client.SendAsync(request);
        Assert.That(echoed.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("client-chosen-42"));
    }

    [Test]
    public async Task Unknown_routes_and_methods_get_the_error_envelope()
    {
        using var missing = await GetAsync("/api/v1/no-such-thing");
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");
        using var method = await Client.DeleteAsync("/api/v1/auth/login");
        await AssertErrorAsync(method, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Test]
    public async Task Security_headers_are_on_every_response()
    {
        using var response = await GetAsync("/health");

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(response.Headers.GetValues("Permissions-Policy").Single(), Does.Contain("microphone=()"));
            Assert.That(response.Headers.GetValues("Strict-Transport-Security").Single(), Does.Contain("max-age="), "outside development");
        });
    }

    [Test]
    public async Task Bodies_over_the_limit_get_413()
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "nova@example.com", password = new string('x', 5000) });

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Test]
    public async Task Health_reports_status_version_uptime_and_database_latency_and_ready_is_200()
    {
        using var health = await GetAsync("/health");
        var data = (await BodyAsync(health))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(data["version"]!.GetValue<string>(), Does.Match(@"^\d+\.\d+\.\d+"));
            Assert.That(data["uptime_seconds"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(0));
            Assert.That(data["components"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(data["components"]!["database"]!["latency_ms"]!.GetValue<double>(), Is.GreaterThan(0));
        });

        using var ready = await GetAsync("/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await BodyAsync(ready))["data"]!["ready"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Integration_events_are_relayed_from_the_outbox_after_commit()
    {
        await RegisterAsync();

        Assert.That(await Veza.TestKit.Eventually.TrueAsync(async () =>
            await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL AND event_type = 'users.registered'") == 1), Is.True);
    }

    [Test]
    public async Task Swagger_documents_every_endpoint_with_its_responses_and_the_bearer_scheme()
    {
        using var response = await GetAsync("/swagger/v1/swagger.json");
        var document = await BodyAsync(response);
        var paths = document["paths"]!.AsObject();

        var expected = new Dictionary<string, string>
        {
            ["/api/v1/auth/register"] = "post", ["/api/v1/auth/login"] = "post", ["/api/v1/auth/refresh"] = "post",
            ["/api/v1/auth/logout"] = "post", ["/api/v1/auth/me"] = "get", ["/api/v1/auth/test"] = "get",
            ["/api/v1/users/me"] = "get", ["/api/v1/users/me/password"] = "put", ["/health"] = "get", ["/ready"] = "get",
        };
        foreach (var (path, method) in expected)
        {
            var operation = paths[path]?[method];
            Assert.That(operation, Is.Not.Null, $"{method} {path}");
            Assert.That(operation!["summary"]?.GetValue<string>(), Is.Not.Empty, $"{path} summary");
            var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToArray();
            Assert.That(responses, Does.Contain("500"), path);
            Assert.That(responses.Any(r => r.StartsWith('2')), Is.True, path);
        }

        Assert.That(paths["/api/v1/auth/register"]!["post"]!["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "201", "400", "409", "429" }));
        Assert.That(paths["/api/v1/auth/me"]!["get"]!["security"], Is.Not.Null, "protected operations show the lock");
        Assert.That(paths["/api/v1/auth/login"]!["post"]!["security"]!.ToJsonString(), Is.EqualTo("[{}]"), "anonymous ones say so: no credentials");
        Assert.That(document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.That(schemas.Select(s => s.Key), Does.Contain("ApiErrorResponse"));
        var registerSchema = schemas["RegisterCommand"]!;
        Assert.That(registerSchema["properties"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "username", "email", "password" }), "snake_case as on the wire");
        Assert.That(registerSchema.ToJsonString(), Does.Contain("dj_nova"), "with an example");
    }

    [Test]
    public async Task Swagger_documents_every_json_request_body_as_a_schema_with_an_example()
    {
        using var response = await GetAsync("/swagger/v1/swagger.json");
        var document = await BodyAsync(response);
        var schemas = document["components"]!["schemas"]!.AsObject();

        var bodies = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }

                bodies++;
                var reference = schema["$ref"]?.GetValue<string>();
                Assert.That(reference, Is.Not.Null, $"{method} {path}: a named body, not {schema.ToJsonString()}");
                var component = schemas[reference!.Split('/')[^1]]!;
                Assert.That(component["properties"]?.AsObject().Count, Is.GreaterThan(0), $"{method} {path}: fields");
                Assert.That(component["example"], Is.Not.Null, $"{method} {path}: an example");
            }
        }

        // The strictly read ones (a JsonElement read with StrictJson.Read) included: the schema is the .Accepts<T> record.
        Assert.That(bodies, Is.GreaterThan(44));
        var settings = document["paths"]!["/api/v1/admin/settings"]!["put"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.That(settings, Does.EndWith("/UpdateSettingsCommand"));
    }

    [Test]
    public async Task Swagger_documents_every_json_success_response_as_a_schema_with_an_example()
    {
        using var response = await GetAsync("/swagger/v1/swagger.json");
        var document = await BodyAsync(response);
        var schemas = document["components"]!["schemas"]!.AsObject();
        JsonNode Component(JsonNode schema) => schemas[schema["$ref"]!.GetValue<string>().Split('/')[^1]]!;

        // What a frontend developer reads: the answer's fields and one filled-in answer. The envelope's
        // example is its data's; a file served as JSON (a waveform) is its own schema.
        bool Exemplified(JsonNode schema) =>
            schema["$ref"] is not null ? Component(schema)["example"] is not null || Component(schema)["enum"] is not null
            : schema["type"]?.GetValue<string>() == "array" ? Exemplified(schema["items"]!)
            : schema["type"]?.GetValue<string>() is "string" or "integer" or "number" or "boolean";

        // Every schema an answer is made of, down to the last nested DTO.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        void Reach(JsonNode? node)
        {
            if (node is JsonObject { } schema && schema["$ref"]?.GetValue<string>().Split('/')[^1] is { } name)
            {
                if (reached.Add(name))
                {
                    Reach(schemas[name]);
                }
            }
            else if (node is JsonObject or JsonArray)
            {
                foreach (var child in node is JsonObject o ? o.Select(p => p.Value) : node.AsArray())
                {
                    Reach(child);
                }
            }
        }

        var answers = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                foreach (var (status, answer) in operation!["responses"]!.AsObject())
                {
                    if (!status.StartsWith('2') || answer?["content"]?["application/json"] is not { } json)
                    {
                        continue;
                    }

                    answers++;
                    var schema = json["schema"];
                    Assert.That(schema?["$ref"], Is.Not.Null, $"{method} {path} {status}: a named answer, not {schema?.ToJsonString()}");
                    var component = Component(schema!);
                    Assert.That(component["properties"]?.AsObject().Count, Is.GreaterThan(0), $"{method} {path} {status}: fields");
                    Assert.That(component["example"] is not null || (component["properties"]!["data"] is { } data && Exemplified(data)), Is.True,
                        $"{method} {path} {status}: an example");
                    Reach(schema!);
                }
            }
        }

        Assert.That(answers, Is.GreaterThan(180));
        // Null fields are written too ("failure": null): a generated client must not type them as maybe absent.
        var optionalSomewhere = reached.Where(n => schemas[n]!["properties"] is JsonObject && !Fields(schemas[n]!, "required").ToHashSet().SetEquals(Fields(schemas[n]!, "properties")));
        Assert.That(optionalSomewhere, Is.EquivalentTo(new[] { "HealthDto", "ReadinessDto" }), "only fields written when set are optional");
        Assert.That(reached, Has.Count.GreaterThan(200));
        Assert.Multiple(() =>
        {
            Assert.That(Fields(schemas["TrackDto"]!, "required"), Is.EquivalentTo(Fields(schemas["TrackDto"]!, "properties")));
            Assert.That(Fields(schemas["TrackDto"]!, "required"), Does.Contain("failure").And.Contain("hidden_reason"));
            Assert.That(Fields(schemas["HealthDto"]!, "required"), Is.EqualTo(new[] { "status" }), "the details are written only when asked for");
            Assert.That(schemas["RegisterCommand"]!["required"], Is.Null, "a request body's fields are the caller's to send; the validator answers for them");
        });
        var waveform = document["paths"]!["/api/v1/tracks/{id}/waveform"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.That(Component(waveform)["properties"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "peaks", "duration" }), "the stored file's shape");
    }

    private static IEnumerable<string> Fields(JsonNode component, string list) =>
        component[list] switch
        {
            JsonObject properties => properties.Select(p => p.Key),
            JsonArray names => names.Select(n => n!.GetValue<string>()),
            _ => [],
        };

    [Test]
    public async Task Swagger_ui_is_served()
    {
        using var response = await GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }
}

public class BootstrapTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Bootstrap:SuperAdmin:Username"] = "root_admin",
        ["Bootstrap:SuperAdmin:Email"] = "root@example.com",
        ["Bootstrap:SuperAdmin:Password"] = "bootstrap-password-2026",
    };

    protected override bool ResetBetweenTests => false;

    [Test]
    public async Task The_configured_super_admin_exists_after_start_up()
    {
        var admin = await LoginAsync("root@example.com", "bootstrap-password-2026");

        using var claims = await GetAsync("/api/v1/auth/test", admin.AccessToken);

        Assert.That((await BodyAsync(claims))["data"]!["role"]!.GetValue<string>(), Is.EqualTo("super_admin"));
    }
}

public class RateLimitTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Policies:login:PermitLimit"] = "3",
        ["RateLimiting:Policies:login:WindowSeconds"] = "120",
    };

    [Test]
    public async Task Login_attempts_per_ip_beyond_the_policy_get_429_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await PostAsync("/api/v1/auth/login", new { login = $"ghost_{i}", password = "wrong-password-1" });
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        await AssertErrorAsync(last!, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var retryAfter = int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(retryAfter, Is.InRange(100, 120));
        last.Dispose();

        using var health = await GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the stricter policy applies to login only");
    }
}

public class DatabaseDownTests
{
    [Test]
    public async Task Ready_answers_503_and_health_unhealthy_when_the_database_cannot_be_reached()
    {
        await using var factory = new VezaApiFactory(
            "Host=127.0.0.1;Port=1;Database=veza;Username=veza;Timeout=2",
            new Dictionary<string, string?> { ["Api:MigrateOnStartup"] = "false", ["Outbox:RelayEnabled"] = "false" });
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync("/ready");
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("SERVICE_UNAVAILABLE"));
        Assert.That(body["meta"]!["request_id"]!.GetValue<string>(), Is.EqualTo(ready.Headers.GetValues("X-Request-Id").Single()));

        using var health = await client.GetAsync("/health");
        var data = JsonNode.Parse(await health.Content.ReadAsStringAsync())!["data"]!;
        Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(data["components"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
    }
}

public class ForwardedHeadersTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Policies:login:PermitLimit"] = "1",
    };

    [Test]
    public async Task An_untrusted_x_forwarded_for_cannot_dodge_per_ip_limits()
    {
        HttpStatusCode last = default;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = System.Net.Http.Json.JsonContent.Create(new { login = "ghost_user", password = "wrong-password-1" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var response = await Client.SendAsync(request);
            last = response.StatusCode;
        }

        Assert.That(last, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
