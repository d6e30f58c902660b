using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Veza.Api.FunctionalTests;

/// <summary>/health and /ready name their components and the degraded ones.</summary>
public class ReadinessTests : ApiTestBase
{
    [Test]
    public async Task Health_and_ready_list_components_and_the_degraded_ones()
    {
        var health = (await BodyAsync(await GetAsync("/health")))["data"]!;
        var ready = (await BodyAsync(await GetAsync("/ready")))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(health["components"]!.AsObject().Select(c => c.Key), Is.SupersetOf(new[] { "database", "storage" }));
            Assert.That(health["components"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(health["degraded"]!.AsArray(), Is.Empty);
            Assert.That(ready["ready"]!.GetValue<bool>(), Is.True);
            Assert.That(ready["degraded"]!.AsArray(), Is.Empty);
        });
    }

}

/// <summary>Once the node is told to stop, /ready answers 503 while requests are still served (the drain delay).</summary>
public class ReadinessShutdownTests : ApiTestBase
{
    // Long enough that the node still serves while the test asks, as it does while a load balancer notices.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Api:ShutdownDrainDelay"] = "00:00:05" };

    [Test]
    public async Task Ready_answers_503_once_stopping_is_signalled_while_other_requests_are_still_served()
    {
        Factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        using var ready = await GetAsync("/ready");
        using var health = await GetAsync("/health");

        await AssertErrorAsync(ready, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.That(ready.Headers.RetryAfter, Is.Not.Null);
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.Headers.ConnectionClose, Is.True, "a draining node ends each keep-alive connection after its response");
        using var hub = await SendAsync(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1", null, null);
        await AssertErrorAsync(hub, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.That(hub.Headers.RetryAfter, Is.Not.Null, "a draining node takes no new hub connection: the balancer sends it elsewhere");
        using var read = await GetAsync("/api/v1/tags");
        await AssertErrorAsync(read, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        using var write = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { login = "nobody_here", password = "not-the-password-1" }, null);
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a write is still served while the node drains (a balancer would not retry it elsewhere)");
        using var metrics = await GetAsync("/metrics");
        Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.OK), "liveness and metrics still answer");
    }

    [Test]
    public async Task A_running_node_keeps_connections_alive()
    {
        using var health = await GetAsync("/health");

        Assert.That(health.Headers.ConnectionClose, Is.Not.True);
    }
}
