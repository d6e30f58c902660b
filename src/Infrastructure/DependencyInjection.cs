using Amazon.S3;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Veza.Application.Common.Email;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.ReadModels;
using Veza.Domain.AccountTokens;
using Veza.Domain.Identities;
using Veza.Domain.Mfa;
using Veza.Domain.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Reports;
using Veza.Domain.Sessions;
using Veza.Domain.Social;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.AccountTokens;
using Veza.Infrastructure.Admin;
using Veza.Infrastructure.Auditing;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Email;
using Veza.Infrastructure.Health;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Jobs;
using Veza.Infrastructure.Media;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Mfa;
using Veza.Infrastructure.OAuth;
using Veza.Infrastructure.Observability;
using Veza.Infrastructure.Outbox;
using Veza.Application.Tracks.Plays;
using Veza.Domain.Plays;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Playlists;
using Veza.Infrastructure.RateLimiting;
using Veza.Infrastructure.Realtime;
using Veza.Infrastructure.Redis;
using Veza.Infrastructure.Reports;
using Veza.Infrastructure.Sessions;
using Veza.Infrastructure.Storage;
using Veza.Domain.Chat;
using Veza.Infrastructure.Chat;
using Veza.Infrastructure.Plays;
using Veza.Infrastructure.Streaming;
using Veza.Infrastructure.Social;
using Veza.Infrastructure.Settings;
using Veza.Infrastructure.Time;
using Veza.Infrastructure.Tracks;
using Veza.Infrastructure.Users;

namespace Veza.Infrastructure;

/// <summary>
/// Wires every port to its adapter, one method per area. Defaults need only PostgreSQL; setting
/// Redis:Configuration or Nats:Url switches the scale-out adapters on. A new feature adds its own
/// method here (its repositories and read models) and one line in <see cref="AddInfrastructure"/>.
/// </summary>
public static class DependencyInjection
{
    public const string ConnectionStringName = "Veza";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var health = services.AddHealthChecks();
        return services
            .AddPersistence(configuration, health)
            .AddMessaging(configuration, health)
            .AddJobs(configuration)
            .AddIdentity(configuration)
            .AddEmail(configuration)
            .AddRateLimiting(configuration)
            .AddCache(configuration)
            .AddUsersFeature()
            .AddAvatarsFeature(configuration)
            .AddTracksFeature()
            .AddStreamingFeature(configuration)
            .AddPlaysFeature(configuration)
            .AddTrackProcessingFeature()
            .AddPlaylistsFeature()
            .AddMarketplaceFeature(configuration)
            .AddGearFeature(configuration)
            .AddSearchFeature()
            .AddResourcesFeature(configuration)
            .AddChatFeature(configuration)
            .AddRealtime(configuration)
            .AddRadioFeature(configuration)
            .AddSocialFeature()
            .AddReportsFeature()
            .AddAdminFeature()
            .AddSessionsFeature(configuration)
            .AddMfaFeature(configuration)
            .AddOAuthFeature(configuration);
    }

    private static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, IHealthChecksBuilder health)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is required (environment: ConnectionStrings__{ConnectionStringName}).");
        }

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
        services.AddScoped<IJobScheduler>(sp => sp.GetRequiredService<EfUnitOfWork>());
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<IKeyedLocks, Common.InProcessKeyedLocks>();
        health.AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    /// <summary>The outbox relay, the event bus (NATS when configured) and delivery to the typed integration-event consumers.</summary>
    private static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration, IHealthChecksBuilder health)
    {
        AddValidatedOptions<NatsOptions>(services, configuration, NatsOptions.Section);
        AddValidatedOptions<OutboxOptions>(services, configuration, OutboxOptions.Section);
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

        services.AddSingleton(sp => new InfrastructureMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<OperationalStatsProbe>();
        services.AddSingleton<OutboxRelay>();
        if (configuration.GetValue($"{OutboxOptions.Section}:RelayEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        }

        services.AddSingleton<IntegrationEventDelivery>();
        services.AddJobHandler<DeliverIntegrationEvent, DeliverIntegrationEventJobHandler>();
        return services;
    }

    /// <summary>The read cache: in memory on one node, Redis when configured; every node drops invalidated keys it hears on the event bus.</summary>
    private static IServiceCollection AddCache(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<Caching.CacheOptions>(services, configuration, Caching.CacheOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Caching.CacheOptions>>().Value.ToSettings());
        if (UsesRedis(configuration))
        {
            services.AddRedis(configuration);
            services.AddSingleton<Application.Common.Caching.ICache, Caching.RedisCache>();
        }
        else
        {
            services.AddSingleton<Caching.InMemoryCache>();
            services.AddSingleton<Application.Common.Caching.ICache>(sp => sp.GetRequiredService<Caching.InMemoryCache>());
            services.AddSingleton<IInProcessState>(sp => sp.GetRequiredService<Caching.InMemoryCache>());
        }

        services.AddHostedService<Caching.CacheInvalidationListener>();
        return services;
    }

    private static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<JobsOptions>(services, configuration, JobsOptions.Section);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobWorker>();
        if (configuration.GetValue($"{JobsOptions.Section}:WorkerEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        }

        return services;
    }

    private static IServiceCollection AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<JwtOptions>(services, configuration, JwtOptions.Section);
        AddValidatedOptions<PasswordHashingOptions>(services, configuration, PasswordHashingOptions.Section);
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddSingleton<IPasswordHasher, Pbkdf2PasswordHasher>();
        services.AddSingleton<ICommonPasswordList, EmbeddedCommonPasswordList>();
        return services;
    }

    /// <summary>Account emails: the SMTP adapter or the log sink (Email:Transport), and the frontend's link base (Email:LinkBaseUrl).</summary>
    private static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<EmailOptions>(services, configuration, EmailOptions.Section);
        services.AddSingleton(sp => new AccountLinks(sp.GetRequiredService<IOptions<EmailOptions>>().Value.LinkBaseUrl));
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<LogEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpEmailSender>()
            : sp.GetRequiredService<LogEmailSender>());
        return services;
    }

    /// <summary>Sessions and their revocation store: in memory on one node; Redis (with PostgreSQL as the fallback and source of truth) when configured.</summary>
    private static IServiceCollection AddSessionsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddScoped<ISessionReadModel, SessionReadModel>();
        services.AddSingleton<DatabaseSessionRevocationStore>();
        if (UsesRedis(configuration))
        {
            services.AddRedis(configuration);
            services.AddSingleton<RedisSessionRevocationStore>();
            services.AddSingleton<ISessionRevocationStore>(sp => sp.GetRequiredService<RedisSessionRevocationStore>());
            services.AddSingleton<RedisRevocationResync>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisRevocationResync>());
        }
        else
        {
            services.AddSingleton<InMemorySessionRevocationStore>();
            services.AddSingleton<ISessionRevocationStore>(sp => sp.GetRequiredService<InMemorySessionRevocationStore>());
            services.AddHostedService(sp => sp.GetRequiredService<InMemorySessionRevocationStore>());
            services.AddSingleton<IInProcessState>(sp => sp.GetRequiredService<InMemorySessionRevocationStore>());
        }

        return services;
    }

    /// <summary>TOTP second factor: enrolments, the secret protector (AES-GCM under Mfa:EncryptionKey) and the QR code writer.</summary>
    private static IServiceCollection AddMfaFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<MfaOptions>(services, configuration, MfaOptions.Section);
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddSingleton<IQrCodeRenderer, QrCoderPngRenderer>();
        services.AddScoped<IMfaEnrolmentRepository, MfaEnrolmentRepository>();
        return services;
    }

    private static IServiceCollection AddRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InMemoryRateLimiter>();
        // Also Redis's fallback: what it counted during an outage is cleared with the rest.
        services.AddSingleton<IInProcessState>(sp => sp.GetRequiredService<InMemoryRateLimiter>());
        if (UsesRedis(configuration))
        {
            services.AddRedis(configuration);
            services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        }
        else
        {
            services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<InMemoryRateLimiter>());
        }

        return services;
    }

    private static IServiceCollection AddUsersFeature(this IServiceCollection services)
    {
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IUserReadModel, UserReadModel>();
        services.AddScoped<ILoginThrottleRepository, LoginThrottleRepository>();
        services.AddScoped<IAccountTokenRepository, AccountTokenRepository>();
        return services;
    }

    /// <summary>
    /// Avatars: their repository, the file storage (filesystem under Storage:Root, relative to the content
    /// root, default .data/storage; an S3 bucket when Storage:S3:Bucket is set, docs/decisions/0039) and the
    /// ffmpeg image processor (Media:*). Tracks reuse the storage.
    /// The sweep of stored files no row refers to (Storage:Sweep:*) serves every kind of stored file.
    /// </summary>
    private static IServiceCollection AddAvatarsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IUserAvatarRepository, UserAvatarRepository>();
        AddValidatedOptions<FileStorageOptions>(services, configuration, FileStorageOptions.Section);
        AddValidatedOptions<MediaOptions>(services, configuration, MediaOptions.Section);
        AddValidatedOptions<S3StorageOptions>(services, configuration, S3StorageOptions.Section);
        if (configuration.GetSection(S3StorageOptions.Section).Get<S3StorageOptions>() is { Enabled: true })
        {
            services.AddSingleton<IAmazonS3>(sp => S3FileStorage.CreateClient(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value));
            services.AddSingleton<IFileStorage, S3FileStorage>();
            services.AddHealthChecks().AddCheck<S3StorageHealthCheck>("storage", HealthStatus.Degraded);
        }
        else
        {
            services.AddSingleton<IFileStorage>(sp =>
            {
                var root = sp.GetRequiredService<IOptions<FileStorageOptions>>().Value.Root;
                var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                return new FileSystemStorage(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(root) ? Path.Combine(".data", "storage") : root));
            });
            services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", HealthStatus.Degraded);
        }

        services.AddSingleton<MediaProcessSlots>();
        services.AddSingleton<IImageProcessor, FfmpegImageProcessor>();
        AddValidatedOptions<OrphanSweepOptions>(services, configuration, OrphanSweepOptions.Section);
        services.AddSingleton<IStoredFileReferences, StoredFileReferences>();
        services.AddSingleton<OrphanedFileSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrphanedFileSweeper>());
        return services;
    }

    /// <summary>Streaming: signed stream URLs (Streaming:*; keys derived from the JWT key unless configured).</summary>
    private static IServiceCollection AddStreamingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<StreamingOptions>(services, configuration, StreamingOptions.Section);
        services.AddSingleton<IStreamUrlSigner, HmacStreamUrlSigner>();
        services.AddSingleton<OpenFileCache>();
        services.AddSingleton<ServedFiles>();
        services.AddSingleton<RenditionCache>();
        services.AddScoped<StreamableTracks>();
        return services;
    }

    /// <summary>Play counting: progress and the play log, and the flusher of what this node served (Plays:*).</summary>
    private static IServiceCollection AddPlaysFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<PlaysOptions>(services, configuration, PlaysOptions.Section);
        services.AddScoped<IPlayProgressRepository, PlayProgressRepository>();
        services.AddScoped<IPlayLog, PlayLog>();
        // The meter is the Application's; a host of Infrastructure alone (a worker node) still has the flusher's input.
        services.TryAddSingleton<ServedAudioMeter>();
        services.AddSingleton<ServedAudioFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<ServedAudioFlusher>());
        return services;
    }

    /// <summary>Tracks: their repository and tag counts, and the ffmpeg audio processor (Media:*; storage from avatars).</summary>
    private static IServiceCollection AddTracksFeature(this IServiceCollection services)
    {
        services.AddScoped<TrackRepository>();
        services.AddScoped<ITrackRepository>(sp => sp.GetRequiredService<TrackRepository>());
        services.AddScoped<ITagCounter>(sp => sp.GetRequiredService<TrackRepository>());
        services.AddScoped<ITrackLikeStore, TrackLikeStore>();
        services.AddScoped<ITrackCatalog, TrackCatalog>();
        services.AddSingleton<IAudioProcessor, FfmpegAudioProcessor>();
        return services;
    }

    /// <summary>Track processing: per-step progress and its read side, and work directories.</summary>
    private static IServiceCollection AddTrackProcessingFeature(this IServiceCollection services)
    {
        services.AddSingleton<TrackProcessingProgress>();
        services.AddSingleton<ITrackProcessingProgress>(sp => sp.GetRequiredService<TrackProcessingProgress>());
        services.AddSingleton<ITrackProcessingReadModel>(sp => sp.GetRequiredService<TrackProcessingProgress>());
        services.AddSingleton<IScratchSpace, LocalScratchSpace>();
        return services;
    }

    /// <summary>
    /// Realtime delivery and presence: in this process by default; across nodes through Redis pub/sub and
    /// presence keys when Redis:Configuration is set (docs/decisions/0029).
    /// </summary>
    private static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InProcessRealtimeNotifier>();
        services.AddSingleton<InProcessPresenceTracker>();
        services.AddSingleton<IInProcessState>(sp => sp.GetRequiredService<InProcessPresenceTracker>());
        services.AddOptions<NodeOptions>().Bind(configuration.GetSection(NodeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new NodeIdentity(sp.GetRequiredService<IOptions<NodeOptions>>().Value.Name));
        if (!UsesRedis(configuration))
        {
            services.AddSingleton<IRealtimeNotifier>(sp => sp.GetRequiredService<InProcessRealtimeNotifier>());
            services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<InProcessPresenceTracker>());
            return services;
        }

        services.AddRedis(configuration);
        AddValidatedOptions<PresenceOptions>(services, configuration, PresenceOptions.Section);
        services.AddSingleton<IRealtimeNotifier, RedisRealtimeNotifier>();
        services.AddSingleton<RedisRealtimeRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisRealtimeRelay>());
        services.AddHealthChecks().AddCheck<Health.RealtimeRelayHealthCheck>("realtime", HealthStatus.Unhealthy, [ReadyTag]);
        services.AddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddSingleton<PresenceRenewal>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceRenewal>());
        return services;
    }

    /// <summary>Marketplace: the category tree, listings, offers, transactions and ratings, their read side, and its clocks from configuration.</summary>
    private static IServiceCollection AddMarketplaceFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<Marketplace.MarketplaceOptions>(services, configuration, Marketplace.MarketplaceOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Marketplace.MarketplaceOptions>>().Value.ToSettings());
        services.AddScoped<Domain.Categories.ICategoryRepository, Marketplace.CategoryRepository>();
        services.AddScoped<Domain.Marketplace.IListingRepository, Marketplace.ListingRepository>();
        services.AddScoped<Domain.Marketplace.IOfferRepository, Marketplace.OfferRepository>();
        services.AddScoped<Domain.Marketplace.IMarketTransactionRepository, Marketplace.MarketTransactionRepository>();
        services.AddScoped<Domain.Marketplace.IListingWatchStore, Marketplace.ListingWatchStore>();
        services.AddScoped<Application.Categories.ICategoryReadModel, Marketplace.CategoryReadModel>();
        services.AddScoped<Application.Marketplace.IMarketReadModel, Marketplace.MarketReadModel>();
        return services;
    }

    /// <summary>Gear: the product catalog, people's gear and warranties, their files, the PDF tool and the warranty reminders.</summary>
    private static IServiceCollection AddGearFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<Gear.GearOptions>(services, configuration, Gear.GearOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Gear.GearOptions>>().Value.ToSettings());
        services.AddScoped<Domain.Gear.IProductRepository, Gear.ProductRepository>();
        services.AddScoped<Domain.Gear.IOwnedGearRepository, Gear.OwnedGearRepository>();
        services.AddScoped<Domain.Gear.IGearFileRepository, Gear.GearFileRepository>();
        services.AddScoped<Application.Gear.IGearReadModel, Gear.GearReadModel>();
        services.AddSingleton<Domain.Gear.IPdfInspector, Gear.PdfinfoInspector>();
        services.AddSingleton<Gear.WarrantyReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<Gear.WarrantyReminderService>());
        return services;
    }

    /// <summary>Shared resources: their aggregate, lists and the file size limit.</summary>
    private static IServiceCollection AddResourcesFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<Resources.ResourceOptions>(services, configuration, Resources.ResourceOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Resources.ResourceOptions>>().Value.ToSettings());
        services.AddScoped<Domain.Resources.ISharedResourceRepository, Resources.SharedResourceRepository>();
        services.AddScoped<Application.Resources.IResourceReadModel, Resources.ResourceReadModel>();
        return services;
    }

    /// <summary>
    /// Search: the PostgreSQL full-text and trigram index behind ISearchIndex (a dedicated engine would replace it
    /// here), and the tag directory that shares its kinds' visibility.
    /// </summary>
    private static IServiceCollection AddSearchFeature(this IServiceCollection services) => services
        .AddScoped<Application.Search.ISearchIndex, Search.PostgresSearchIndex>()
        .AddScoped<Application.Tags.ITagDirectory, Tags.PostgresTagDirectory>();

    /// <summary>Chat: rooms, messages, reactions, their read side and the limits from configuration.</summary>
    private static IServiceCollection AddChatFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<ChatOptions>(services, configuration, ChatOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ChatOptions>>().Value.ToSettings());
        services.AddScoped<IChatRoomRepository, ChatRoomRepository>();
        services.AddScoped<IChatMessageRepository, ChatMessageRepository>();
        services.AddScoped<IDirectMessageRepository, DirectMessageRepository>();
        services.AddScoped<IChatReadModel, ChatReadModel>();
        services.AddScoped<Application.Notifications.INotificationStore, Notifications.NotificationStore>();
        services.AddSingleton<Notifications.ReadNotificationPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.ReadNotificationPruner>());
        return services;
    }

    /// <summary>Community radio: stations, requests, history, their read side, and the live playout (one encoder per station).</summary>
    private static IServiceCollection AddRadioFeature(this IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<Radio.RadioOptions>(services, configuration, Radio.RadioOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Radio.RadioOptions>>().Value.ToSettings());
        services.AddScoped<Domain.Radio.IStationRepository, Radio.StationRepository>();
        services.AddScoped<Domain.Radio.IStationRequestRepository, Radio.StationRequestRepository>();
        services.AddScoped<Domain.Radio.IStationPlayHistory, Radio.StationPlayHistory>();
        services.AddScoped<Application.Common.ReadModels.IRadioReadModel, Radio.RadioReadModel>();
        services.AddSingleton<Radio.StationAir>();
        services.AddSingleton<Radio.RadioPlayout>();
        services.AddSingleton<IRadioPlayout>(sp => sp.GetRequiredService<Radio.RadioPlayout>());
        services.AddHostedService(sp => sp.GetRequiredService<Radio.RadioPlayout>());
        return services;
    }

    /// <summary>Playlists: the aggregate's repository and read side.</summary>
    private static IServiceCollection AddPlaylistsFeature(this IServiceCollection services)
    {
        services.AddScoped<IPlaylistRepository, PlaylistRepository>();
        services.AddScoped<IPlaylistReadModel, PlaylistReadModel>();
        return services;
    }

    /// <summary>Profiles' read side (directory, search), preferences, follows and blocks.</summary>
    private static IServiceCollection AddSocialFeature(this IServiceCollection services)
    {
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IUserPreferencesRepository, UserPreferencesRepository>();
        services.AddScoped<IFollowRepository, FollowRepository>();
        services.AddScoped<IBlockRepository, BlockRepository>();
        return services;
    }

    private static IServiceCollection AddReportsFeature(this IServiceCollection services)
    {
        services.AddScoped<IReportRepository, ReportRepository>();
        services.AddScoped<IReportReadModel, ReportReadModel>();
        return services;
    }

    /// <summary>Administration: its read side, the super-admin roster and the runtime settings (read from PostgreSQL on every use).</summary>
    private static IServiceCollection AddAdminFeature(this IServiceCollection services)
    {
        services.AddScoped<IAdminReadModel, AdminReadModel>();
        services.AddScoped<ISuperAdminRoster, SuperAdminRoster>();
        services.AddScoped<IRuntimeSettings, RuntimeSettingsStore>();
        return services;
    }

    /// <summary>
    /// Sign-in with Google, GitHub and Discord: provider settings (OAuth:*, validated at start-up), the
    /// authorization-code client over HttpClient, linked identities and pending sign-ins.
    /// </summary>
    private static IServiceCollection AddOAuthFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OAuthOptions>().Bind(configuration.GetSection(OAuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>();
        services.AddHttpClient<IOAuthProviderClient, OAuthProviderClient>(client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Veza");  // GitHub refuses requests without one
        });
        services.AddScoped<IUserIdentityRepository, UserIdentityRepository>();
        services.AddScoped<IPendingOAuthLoginRepository, PendingOAuthLoginRepository>();
        return services;
    }

    private static bool UsesRedis(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:Configuration"]);

    /// <summary>The node's one Redis connection and its health check, whichever area asks first.</summary>
    private static void AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(RedisGateway)))
        {
            return;
        }

        AddValidatedOptions<RedisOptions>(services, configuration, RedisOptions.Section);
        services.AddSingleton<RedisGateway>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded);
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
