using Microsoft.Extensions.DependencyInjection;
using Veza.Infrastructure.Persistence;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>A fixture with a database of its own, migrated once.</summary>
public abstract class MigratedDatabaseFixture
{
    protected TestDatabase Database { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        Database = await TestDatabase.CreateAsync();
        await using var provider = InfrastructureHost.Create(Database);
        await provider.GetRequiredService<SqlMigrator>().MigrateAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task DropDatabase() => await Database.DisposeAsync();
}
