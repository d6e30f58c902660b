using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Veza.Api.FunctionalTests;

/// <summary>/health answers everyone, but versions and components (what an attacker would fingerprint) only to operators' networks.</summary>
public class HealthDetailsTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:HealthDetailsNetworks:0"] = "10.0.0.0/8",
        ["Api:HealthDetailsNetworks:1"] = "2001:db8::/32",
    };

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [TestCase("10.20.30.40")]
    [TestCase("::ffff:10.20.30.40")]
    [TestCase("2001:db8::5")]
    public async Task Loopback_and_configured_networks_see_version_and_components(string address)
    {
        var data = await HealthFromAsync(address);

        Assert.Multiple(() =>
        {
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(data["version"]!.GetValue<string>(), Does.Match(@"^\d+\.\d+\.\d+"));
            Assert.That(data["components"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        });
    }

    [TestCase("203.0.113.7")]
    [TestCase("11.0.0.1")]
    [TestCase("2001:db9::5")]
    [TestCase("none")]
    public async Task Everyone_else_sees_the_status_alone(string address)
    {
        var data = await HealthFromAsync(address);

        Assert.That(data.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "status" }), data.ToJsonString());
        Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public void A_network_that_does_not_parse_stops_start_up()
    {
        using var factory = new VezaApiFactory(Database.ConnectionString, new Dictionary<string, string?> { ["Api:HealthDetailsNetworks:0"] = "10.0.0.0/33" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient().Dispose());
        Assert.That(error!.Message, Does.Contain("10.0.0.0/33"));
    }

    private async Task<JsonNode> HealthFromAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add(VezaApiFactory.RemoteAddressHeader, address);
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await BodyAsync(response))["data"]!;
    }
}
