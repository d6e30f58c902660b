using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Veza.Api.FunctionalTests;

/// <summary>The real API (Program) on a test database; generous rate limits unless a test sets its own.</summary>
public sealed class VezaApiFactory(
    string connectionString,
    IReadOnlyDictionary<string, string?>? overrides = null,
    Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public const string SigningKey = "functional-tests-signing-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Veza"] = connectionString,
            ["Jwt:SigningKey"] = SigningKey,
            ["RateLimiting:PerIp:PermitLimit"] = "100000",
            ["RateLimiting:PerUser:PermitLimit"] = "100000",
            ["RateLimiting:Policies:register:PermitLimit"] = "100000",
            ["RateLimiting:Policies:login:PermitLimit"] = "100000",
            ["RateLimiting:Policies:refresh:PermitLimit"] = "100000",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }
}
