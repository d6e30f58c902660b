using System.Net;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>The API description is a map for attackers: served in Development, and in Production only when configured.</summary>
public class SwaggerExposureTests
{
    private TestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [TestCase("Production", null, HttpStatusCode.NotFound)]
    [TestCase("Production", "false", HttpStatusCode.NotFound)]
    [TestCase("Production", "true", HttpStatusCode.OK)]
    [TestCase("Development", null, HttpStatusCode.OK)]
    [TestCase("Development", "false", HttpStatusCode.NotFound)]
    public async Task Swagger_is_served_by_environment_unless_configured(string environment, string? enabled, HttpStatusCode expected)
    {
        await using var factory = new VezaApiFactory(_database.ConnectionString, new Dictionary<string, string?> { ["Api:Swagger:Enabled"] = enabled }, environment: environment);
        using var client = factory.CreateClient();

        using var document = await client.GetAsync("/swagger/v1/swagger.json");
        using var ui = await client.GetAsync("/swagger/index.html");

        Assert.That(new[] { document.StatusCode, ui.StatusCode }, Is.All.EqualTo(expected));
    }
}
