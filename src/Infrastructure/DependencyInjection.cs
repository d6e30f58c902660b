using Veza.Domain.Sessions;
using Veza.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Infrastructure.Health;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Outbox;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Persistence.Repositories;
using Veza.Infrastructure.RateLimiting;
using Veza.Infrastructure.Redis;
using Veza.Infrastructure.Sessions;
using Veza.Infrastructure.Time;

namespace Veza.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Veza";
    public const string ReadyTag = "ready";

    /// <summary>
    /// Wires every port to its adapter. Defaults need only PostgreSQL; setting Redis:Configuration or
    /// Nats:Url switches the scale-out adapters on.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is required (environment: ConnectionStrings__{ConnectionStringName}).");
        }

        AddValidatedOptions<JwtOptions>(services, configuration, JwtOptions.Section);
        AddValidatedOptions<PasswordHashingOptions>(services, configuration, PasswordHashingOptions.Section);
        AddValidatedOptions<RedisOptions>(services, configuration, RedisOptions.Section);
        AddValidatedOptions<NatsOptions>(services, configuration, NatsOptions.Section);
        AddValidatedOptions<OutboxOptions>(services, configuration, OutboxOptions.Section);

        // Requests: multiplexing coalesces concurrent commands onto few connections (the PostgreSQL round
        // trip dominates hot reads such as /me), and hot statements are auto-prepared.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Multiplexing = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
        }.ConnectionString).Build());
        // Session-level advisory locks need one physical connection from lock to unlock: no multiplexing.
        services.AddKeyedSingleton(SqlMigrator.DataSourceKey, (_, _) => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddDbContextPool<VezaDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<SqlMigrator>();

        services.AddScoped<EfUnitOfWork>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<EfUnitOfWork>());
        services.AddScoped<IOutbox>(sp => sp.GetRequiredService<EfUnitOfWork>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IUserReadModel, UserReadModel>();

        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddSingleton<IPasswordHasher, Pbkdf2PasswordHasher>();
        services.AddSingleton<ICommonPasswordList, EmbeddedCommonPasswordList>();
        services.AddSingleton<InMemoryRateLimiter>();
        services.AddSingleton<DatabaseSessionRevocationStore>();

        var health = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag]);

        if (!string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:Configuration"]))
        {
            services.AddSingleton<RedisGateway>();
            services.AddSingleton<IRateLimiter, RedisRateLimiter>();
            services.AddSingleton<RedisSessionRevocationStore>();
            services.AddSingleton<ISessionRevocationStore>(sp => sp.GetRequiredService<RedisSessionRevocationStore>());
            services.AddSingleton<RedisRevocationResync>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisRevocationResync>());
            health.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded);
        }
        else
        {
            services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<InMemoryRateLimiter>());
            services.AddSingleton<InMemorySessionRevocationStore>();
            services.AddSingleton<ISessionRevocationStore>(sp => sp.GetRequiredService<InMemorySessionRevocationStore>());
            services.AddHostedService(sp => sp.GetRequiredService<InMemorySessionRevocationStore>());
        }

        services.AddSingleton<OutboxSignal>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{NatsOptions.Section}:Url"]))
        {
            services.AddSingleton<NatsEventBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<NatsEventBus>());
            health.AddCheck<NatsHealthCheck>("nats", HealthStatus.Degraded);
        }
        else
        {
            services.AddSingleton<IEventBus, InProcessEventBus>();
        }

        services.AddSingleton<OutboxRelay>();
        if (configuration.GetValue($"{OutboxOptions.Section}:RelayEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        }

        return services;
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
