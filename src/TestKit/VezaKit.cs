using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Veza.Application;
using Veza.Application.Auth.Commands.Register;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure;
using Veza.Infrastructure.Common;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Realtime;

namespace Veza.TestKit;

/// <summary>
/// Veza's use cases in a test suite: the real Application and Infrastructure (in-process adapters, as
/// build/run.sh starts them: no Redis, no NATS, files on the local disk, ffmpeg) on a PostgreSQL database
/// with every migration applied, the job worker and outbox relay running.
/// <code>
/// await using var kit = await VezaKit.StartAsync();
/// var alice = await kit.CreateUserAsync();
/// var track = await kit.As(alice).Send(new UploadTrackCommand(File.OpenRead(wav), "tone.wav", null));
/// await kit.WaitForJobsAsync();
/// </code>
/// </summary>
public sealed class VezaKit : IAsyncDisposable
{
    /// <summary>Where the kit's callers appear to call from unless they say otherwise (<see cref="KitCaller.From"/>).</summary>
    public const string CallerAddress = "127.0.0.1";

    /// <summary>The password of every user <see cref="CreateUserAsync"/> makes.</summary>
    public const string DefaultPassword = "Kit-passw0rd-for-tests";

    private readonly IHost _host;
    private readonly PostgresServer? _server;
    private readonly TestDatabase? _database;
    private readonly string _workDirectory;
    private int _userNumber;

    private VezaKit(IHost host, IClock clock, string connectionString, string workDirectory, PostgresServer? server, TestDatabase? database)
    {
        _host = host;
        Clock = clock;
        ConnectionString = connectionString;
        _workDirectory = workDirectory;
        _server = server;
        _database = database;
        Emails = host.Services.GetRequiredService<CapturedEmails>();
        Notifications = new CapturedNotifications(host.Services.GetRequiredService<InProcessRealtimeNotifier>());
        Anonymous = new KitCaller(host.Services, null, null);
    }

    /// <summary>The platform's services (singletons; use <see cref="KitCaller.InScopeAsync{T}"/> for scoped ones).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The platform's clock: a <see cref="KitClock"/> unless <see cref="VezaKitOptions.Clock"/> said otherwise.</summary>
    public IClock Clock { get; }

    /// <summary>The database the kit runs on.</summary>
    public string ConnectionString { get; }

    /// <summary>Every email sent (they go out from background jobs: wait for them).</summary>
    public CapturedEmails Emails { get; }

    /// <summary>Every realtime notification pushed to users, chat rooms and radio stations.</summary>
    public CapturedNotifications Notifications { get; }

    /// <summary>A caller who has not signed in (register, log in, public queries).</summary>
    public KitCaller Anonymous { get; }

    /// <summary>
    /// Starts on a database of its own, dropped on dispose: on the PostgreSQL build/test.sh started (VEZA_TEST_PG)
    /// or, without one, on a throw-away cluster the kit starts itself (initdb; PostgreSQL must be installed).
    /// </summary>
    public static async Task<VezaKit> StartAsync(VezaKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = await PostgresServer.SharedOrOwnAsync(cancellationToken);
        TestDatabase? database = null;
        try
        {
            database = await TestDatabase.CreateAsync(server.AdminConnectionString);
            return await StartAsync(database.ConnectionString, options, server, database, cancellationToken);
        }
        catch
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts on an existing database (migrations applied to it; <see cref="ResetAsync"/> empties it; it is kept on dispose).</summary>
    public static Task<VezaKit> StartAsync(string connectionString, VezaKitOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(connectionString, options, null, null, cancellationToken);

    private static async Task<VezaKit> StartAsync(
        string connectionString, VezaKitOptions? options, PostgresServer? server, TestDatabase? database, CancellationToken cancellationToken)
    {
        options ??= new VezaKitOptions();
        var workDirectory = Directory.CreateTempSubdirectory("veza-kit-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
            ContentRootPath = workDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Veza"] = connectionString,
            ["Jwt:SigningKey"] = "veza-test-kit-signing-key-0123456789abcdef",
            ["Mfa:EncryptionKey"] = "dmV6YS10ZXN0LWtpdC1tZmEta2V5LTAxMjM0NTY3ODk=",
            ["Storage:Root"] = Path.Combine(workDirectory, "storage"),
            ["Jobs:PollInterval"] = "00:00:00.100",
            ["Outbox:PollInterval"] = "00:00:00.100",
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var clock = options.Clock ?? new KitClock();
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration);
        builder.Services.AddScoped<KitCurrentUser>();
        builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<KitCurrentUser>());
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<CapturedEmails>();
        builder.Services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<CapturedEmails>());
        options.ConfigureServices?.Invoke(builder.Services);

        var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<SqlMigrator>().MigrateAsync(cancellationToken);
            var kit = new VezaKit(host, clock, connectionString, workDirectory, server, database);
            await host.StartAsync(cancellationToken);
            return kit;
        }
        catch
        {
            host.Dispose();
            Directory.Delete(workDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>Sends as <paramref name="user"/> (signed in, with the session it got when created).</summary>
    public KitCaller As(KitUser user) => new(_host.Services, user, null);

    /// <summary>Sends <paramref name="request"/> as nobody in particular (<see cref="Anonymous"/>).</summary>
    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        Anonymous.Send(request, cancellationToken);

    /// <summary>
    /// A user of <paramref name="role"/> with a verified email, registered through the real use case (so
    /// with a session) under a unique name starting with <paramref name="username"/> (or the role's name);
    /// their password is <see cref="DefaultPassword"/>.
    /// </summary>
    public async Task<KitUser> CreateUserAsync(Role role = Role.User, string? username = null)
    {
        var prefix = username ?? role.ToName();
        var unique = $"{prefix[..Math.Min(prefix.Length, 16)]}_{Interlocked.Increment(ref _userNumber)}_{Guid.NewGuid().ToString("N")[..6]}";
        var user = await RegisterAsync(unique, $"{unique}@kit.test", DefaultPassword);
        await ExecuteAsync("UPDATE users SET role = @role, email_verified_at = @now WHERE id = @id",
            ("role", role.ToName()), ("now", Clock.UtcNow), ("id", user.Id));
        return user with { Role = role };
    }

    /// <summary>Registers through the real use case (email not verified: the verification email goes out as a job).</summary>
    public async Task<KitUser> RegisterAsync(string username, string email, string password)
    {
        var result = await Anonymous.Send(new RegisterCommand(username, email, password));
        var sessionId = await ScalarAsync<Guid>("SELECT id FROM sessions WHERE user_id = @id ORDER BY created_at DESC LIMIT 1", ("id", result.User.Id));
        return new KitUser(result.User.Id, username, email, password, Role.User, sessionId);
    }

    /// <summary>One user of each role: user, moderator, admin, super_admin.</summary>
    public async Task<(KitUser User, KitUser Moderator, KitUser Admin, KitUser SuperAdmin)> CreateUserOfEachRoleAsync() =>
        (await CreateUserAsync(Role.User), await CreateUserAsync(Role.Moderator), await CreateUserAsync(Role.Admin), await CreateUserAsync(Role.SuperAdmin));

    /// <summary>
    /// Waits until the background work due now is done: integration events relayed and every job that is
    /// due (pending or running, run_after not in the clock's future) finished, checked a few times in a row
    /// since a finished job may start the next. Throws when that takes longer than <paramref name="within"/>
    /// (default 60 s), and when a job died (its last error in the message) unless <paramref name="allowDeadJobs"/>.
    /// </summary>
    public async Task WaitForJobsAsync(TimeSpan? within = null, bool allowDeadJobs = false)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        var idleInARow = 0;
        while (idleInARow < 3)
        {
            var busy = await ScalarAsync<long>(
                """
                SELECT (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL)
                     + (SELECT count(*) FROM jobs WHERE state IN ('pending', 'running') AND run_after <= @now)
                """, ("now", Clock.UtcNow));
            idleInARow = busy == 0 ? idleInARow + 1 : 0;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{busy} background jobs or events were still waiting after {within ?? TimeSpan.FromSeconds(60)}.");
            }

            await Task.Delay(50);
        }

        if (!allowDeadJobs && await ScalarAsync<string>("SELECT kind || ': ' || coalesce(last_error, '') FROM jobs WHERE state = 'dead' ORDER BY updated_at LIMIT 1") is { } dead)
        {
            throw new InvalidOperationException($"A background job died: {dead}");
        }
    }

    /// <summary>
    /// Empties every table (schema and migration history kept, seeded reference rows such as the category
    /// tree put back) and what the in-process adapters hold (cache, rate-limit windows, revocations, presence),
    /// forgets captured emails and notifications, and brings a <see cref="KitClock"/> back to real time.
    /// With Redis configured (<see cref="VezaKitOptions.Settings"/>), what Redis holds is the suite's to clear.
    /// </summary>
    public async Task ResetAsync()
    {
        await TestDatabase.ResetAsync(ConnectionString);
        foreach (var state in _host.Services.GetServices<IInProcessState>())
        {
            state.Clear();
        }

        Emails.Clear();
        Notifications.Clear();
        (Clock as KitClock)?.Reset();
    }

    /// <summary>A stereo 1 kHz tone of <paramref name="seconds"/> made by ffmpeg in the container <paramref name="format"/> names (wav, flac, mp3, ogg, opus, m4a, aac), removed on dispose.</summary>
    public Task<string> MakeToneAsync(double seconds = 2, string format = "wav", bool withTags = false) =>
        TestAudio.MakeToneAsync(Path.Combine(_workDirectory, $"tone-{Guid.NewGuid():N}.{format}"), seconds, withTags);

    /// <summary>The first column of the first row of <paramref name="sql"/> on the kit's database (default when none).</summary>
    public Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) => await ScalarAsync<object>(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        Notifications.Dispose();
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }

            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            Directory.Delete(_workDirectory, recursive: true);
        }
    }
}
