using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Veza.Application;
using Veza.Domain.Ports;
using Veza.Infrastructure.Storage;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The real Infrastructure registrations (as the API wires them) over a test database and chosen servers.</summary>
public static class InfrastructureHost
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    /// <summary>A name for one deployment: nodes created with the same one share Redis keys and NATS subjects.</summary>
    public static string NewDeployment() => $"t{Guid.NewGuid():N}";

    public static ServiceProvider Create(
        TestDatabase database, string? redis = null, string? nats = null, IClock? clock = null, string? deployment = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        deployment ??= NewDeployment();
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Veza"] = database.ConnectionString,
            ["Jwt:SigningKey"] = SigningKey,
            ["Mfa:EncryptionKey"] = "aW50ZWdyYXRpb24tdGVzdHMtbWZhLWtleS0wMTIzNDU=",
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = $"{deployment}:",
            ["Nats:Url"] = nats,
            ["Nats:SubjectPrefix"] = deployment,
            ["Outbox:RelayEnabled"] = "false",
            ["Jobs:WorkerEnabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton(Substitute.For<ICurrentUser>());
        services.AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        configure?.Invoke(services);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A node of the real Application over the real Infrastructure, its files in the filesystem adapter under <paramref name="storageRoot"/>.</summary>
    public static ServiceProvider CreateWithApplication(TestDatabase database, string storageRoot, IReadOnlyDictionary<string, string?> settings, IClock? clock = null) =>
        Create(database, clock: clock, settings: new Dictionary<string, string?>(settings) { ["Storage:Root"] = storageRoot }, configure: s =>
        {
            s.AddApplication();
            s.AddSingleton<IFileStorage>(new FileSystemStorage(storageRoot));
        });
}
