using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Infrastructure.Persistence;

namespace Veza.Api.Startup;

/// <summary>Runs before the server accepts requests (hosted services start first), so no request sees an old schema.</summary>
public sealed class DatabaseMigrationService(SqlMigrator migrator, IOptions<ApiOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
