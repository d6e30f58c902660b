namespace Veza.Api.Startup;

public static class HostSetup
{
    /// <summary>One JSON object per line, with the request id from the log scope, for log shippers.</summary>
    public static ILoggingBuilder AddVezaLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return logging;
    }

    /// <summary>
    /// How the node stops (<see cref="GracefulShutdown"/>): the host's timeout bounds the whole stop, drain delay
    /// included, so it is the drain delay plus Api:ShutdownTimeout for in-flight work.
    /// </summary>
    public static IServiceCollection AddVezaGracefulShutdown(this IServiceCollection services, Http.ApiOptions apiOptions)
    {
        services.Configure<HostOptions>(host => host.ShutdownTimeout = apiOptions.ShutdownDrainDelay + apiOptions.ShutdownTimeout);
        services.AddHostedService<GracefulShutdown>();
        return services;
    }

    /// <summary>
    /// Work done once before the node serves. Register before the adapters: hosted services start in
    /// registration order, and migrations must run before anything that touches the database (super
    /// admin bootstrap, outbox relay).
    /// </summary>
    public static IServiceCollection AddVezaStartupTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section));
        services.AddHostedService<DatabaseMigrationService>();
        services.AddHostedService<SuperAdminBootstrapService>();
        return services;
    }
}
