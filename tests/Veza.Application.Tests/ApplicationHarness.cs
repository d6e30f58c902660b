using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Veza.Application.Common.Email;
using Veza.Application.Common.ReadModels;
using Veza.Domain.AccountTokens;
using Veza.Domain.Common;
using Veza.Domain.Identities;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>
/// The real Application services (MediatR pipeline, behaviours, validators, handlers) over NSubstitute
/// ports. Repositories remember what handlers add, so tests can assert on stored state.
/// </summary>
public sealed class ApplicationHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly List<Entity> _tracked = [];

    public ApplicationHarness(Action<IServiceCollection>? configure = null)
    {
        Clock.UtcNow.Returns(_ => CurrentTime);
        Caller.IpAddress.Returns("203.0.113.7");
        Caller.UserAgent.Returns("tests");
        UnitOfWork.BeginTransactionAsync(Arg.Any<CancellationToken>()).Returns(Transaction);
        UnitOfWork.TakeDomainEvents().Returns(_ => _tracked.SelectMany(e => e.TakeDomainEvents()).ToArray());

        Users.When(r => r.Add(Arg.Any<User>())).Do(c => _tracked.Add(c.Arg<User>()));
        Users.GetByIdAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _tracked.OfType<User>().FirstOrDefault(u => u.Id == c.Arg<Guid>()));
        Users.FindByLoginAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c => _tracked.OfType<User>().FirstOrDefault(u =>
            string.Equals(u.Username, c.Arg<string>(), StringComparison.OrdinalIgnoreCase) || string.Equals(u.Email, c.Arg<string>(), StringComparison.OrdinalIgnoreCase)));
        Users.UsernameTakenAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c => _tracked.OfType<User>().Any(u => u.NormalizedUsername == UsernameRules.Normalize(c.Arg<string>())));
        Users.EmailTakenAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c => _tracked.OfType<User>().Any(u => u.NormalizedEmail == EmailRules.Normalize(c.Arg<string>())));

        Sessions.When(r => r.Add(Arg.Any<Session>())).Do(c => _tracked.Add(c.Arg<Session>()));
        Sessions.FindByRefreshTokenHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(c => _tracked.OfType<Session>().FirstOrDefault(s => s.Tokens.Any(t => t.TokenHash == c.Arg<string>())));
        Sessions.FindByIdAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _tracked.OfType<Session>().FirstOrDefault(s => s.Id == c.Arg<Guid>()));
        Sessions.ListActiveForUserAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => _tracked.OfType<Session>().Where(s => s.UserId == c.Arg<Guid>() && !s.IsRevoked).ToList());

        Sessions.StartedFromAddressSinceAsync(Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(c => _tracked.OfType<Session>().Any(s => s.UserId == c.ArgAt<Guid>(0) && s.IpAddress == c.ArgAt<string>(1) && s.CreatedAt > c.ArgAt<DateTimeOffset>(2)));

        // Held throttles are the stored ones: the harness has no transaction to isolate them.
        Throttles.FindAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c => StoredThrottles.GetValueOrDefault(c.Arg<string>()));
        Throttles.HoldAsync(Arg.Any<string>(), Arg.Any<LoginThrottlePolicy>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(c => StoredThrottles.TryGetValue(c.ArgAt<string>(0), out var held)
                ? held
                : StoredThrottles[c.ArgAt<string>(0)] = LoginThrottle.Start(c.ArgAt<string>(0), c.ArgAt<LoginThrottlePolicy>(1), c.ArgAt<DateTimeOffset>(2)));

        Audit.When(a => a.Record(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<Guid?>(), Arg.Any<string?>(), Arg.Any<string?>()))
            .Do(c => AuditEvents.Add(new RecordedAudit(c.ArgAt<string>(0), c.ArgAt<string>(1), c.ArgAt<Guid?>(2), c.ArgAt<string?>(3), c.ArgAt<string?>(4))));
        Outbox.When(o => o.Enqueue(Arg.Any<IIntegrationEvent>())).Do(c => OutboxEvents.Add(c.Arg<IIntegrationEvent>()));

        var refreshCounter = 0;
        Tokens.CreateOpaqueToken().Returns(_ => $"refresh-{++refreshCounter}");
        Tokens.HashOpaqueToken(Arg.Any<string>()).Returns(c => "sha:" + c.Arg<string>());
        Tokens.CreateAccessToken(Arg.Any<User>(), Arg.Any<Guid>(), Arg.Any<DateTimeOffset>())
            .Returns(c => new AccessToken($"jwt-for-{c.ArgAt<Guid>(1)}", c.ArgAt<DateTimeOffset>(2).AddMinutes(15)));

        Hasher.Hash(Arg.Any<string>()).Returns(c => "pbkdf2:" + c.Arg<string>());
        Hasher.Verify(Arg.Any<string>(), Arg.Any<string>()).Returns(c =>
            c.ArgAt<string>(0) == "pbkdf2:" + c.ArgAt<string>(1) ? PasswordVerification.Success
            : c.ArgAt<string>(0) == "old-pbkdf2:" + c.ArgAt<string>(1) ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Failed);
        RuntimeSettings.GetAsync(Arg.Any<CancellationToken>()).Returns(_ => Settings);

        // One-time account tokens and second-factor enrolments, remembered like the other repositories; queued jobs and sent emails kept for assertions.
        AccountTokens.When(r => r.Add(Arg.Any<AccountToken>())).Do(c => _tracked.Add(c.Arg<AccountToken>()));
        AccountTokens.FindAsync(Arg.Any<AccountTokenPurpose>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(c => _tracked.OfType<AccountToken>().FirstOrDefault(t => t.Purpose == c.ArgAt<AccountTokenPurpose>(0) && t.TokenHash == c.ArgAt<string>(1)));
        AccountTokens.ListUsableAsync(Arg.Any<Guid>(), Arg.Any<AccountTokenPurpose>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(c => _tracked.OfType<AccountToken>().Where(t => t.UserId == c.ArgAt<Guid>(0) && t.Purpose == c.ArgAt<AccountTokenPurpose>(1) && t.IsUsableAt(c.ArgAt<DateTimeOffset>(2))).ToList());
        MfaEnrolments.When(r => r.Add(Arg.Any<MfaEnrolment>())).Do(c => _tracked.Add(c.Arg<MfaEnrolment>()));
        MfaEnrolments.When(r => r.Remove(Arg.Any<MfaEnrolment>())).Do(c => _tracked.Remove(c.Arg<MfaEnrolment>()));
        MfaEnrolments.HoldAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => StoredMfaEnrolments.FirstOrDefault(e => e.Id == c.Arg<Guid>()));
        MfaEnrolments.IsEnabledAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => StoredMfaEnrolments.Any(e => e.Id == c.Arg<Guid>() && e.IsEnabled));
        MfaEnrolments.GetStatusAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => StoredMfaEnrolments.FirstOrDefault(e => e.Id == c.Arg<Guid>()) is { } e
            ? new MfaStatus(e.IsEnabled, e.EnabledAt, e.RecoveryCodeHashes.Count)
            : null);
        Identities.When(i => i.Add(Arg.Any<UserIdentity>())).Do(c => _tracked.Add(c.Arg<UserIdentity>()));
        Identities.When(i => i.Remove(Arg.Any<UserIdentity>())).Do(c => _tracked.Remove(c.Arg<UserIdentity>()));
        Identities.ListForUserAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _tracked.OfType<UserIdentity>().Where(i => i.UserId == c.Arg<Guid>()).ToList());
        KeyedLocks.AcquireAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => Substitute.For<IAsyncDisposable>());
        QrCodes.RenderPng(Arg.Any<string>()).Returns([0x89, (byte)'P', (byte)'N', (byte)'G']);
        Jobs.When(j => j.Enqueue(Arg.Any<IJob>(), Arg.Any<DateTimeOffset?>())).Do(c => EnqueuedJobs.Add(c.Arg<IJob>()));
        Emails.When(e => e.SendAsync(Arg.Any<EmailMessage>(), Arg.Any<CancellationToken>())).Do(c => SentEmails.Add(c.Arg<EmailMessage>()));
        RateLimiter.AcquireAsync(Arg.Any<string>(), Arg.Any<RateLimitRule>(), Arg.Any<CancellationToken>()).Returns(new RateLimitDecision(true, 1, TimeSpan.Zero));
        CommonPasswords.Contains(Arg.Any<string>()).Returns(c => c.Arg<string>() is "password" or "12345678" or "Password");

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication();
        services.AddSingleton(Users).AddSingleton(Sessions).AddSingleton(Audit).AddSingleton(UnitOfWork).AddSingleton(Outbox)
            .AddSingleton(Hasher).AddSingleton(Tokens).AddSingleton(Clock).AddSingleton(Caller).AddSingleton(CommonPasswords)
            .AddSingleton(ReadModel).AddSingleton(Revocations).AddSingleton(Throttles).AddSingleton(RuntimeSettings)
            .AddSingleton(SessionReadModel).AddSingleton(Tracks)
            .AddSingleton(AccountTokens).AddSingleton(MfaEnrolments).AddSingleton(Identities).AddSingleton(KeyedLocks).AddSingleton<ISecretProtector>(SecretProtector).AddSingleton(QrCodes)
            .AddSingleton(Jobs).AddSingleton(Emails).AddSingleton(RateLimiter).AddSingleton(new AccountLinks(LinkBase)).AddSingleton(PlayLog).AddSingleton(Realtime)
            .AddSingleton(Cache).AddSingleton(new Application.Common.Caching.CacheSettings(TimeSpan.FromSeconds(30)));
        // Every report target type is built when reports are filed, and the quota counts shared resources: chat's, the
        // marketplace's and resources' repositories are there by default (a fixture may replace them).
        services.AddSingleton(Substitute.For<Domain.Chat.IChatMessageRepository>()).AddSingleton(Substitute.For<Domain.Chat.IChatRoomRepository>())
            .AddSingleton(Substitute.For<Domain.Marketplace.IListingRepository>()).AddSingleton(Resources);
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public DateTimeOffset CurrentTime { get; set; } = Now;
    public IUserRepository Users { get; } = Substitute.For<IUserRepository>();
    public ISessionRepository Sessions { get; } = Substitute.For<ISessionRepository>();
    public IAuditTrail Audit { get; } = Substitute.For<IAuditTrail>();
    public IUnitOfWork UnitOfWork { get; } = Substitute.For<IUnitOfWork>();
    public ITransactionScope Transaction { get; } = Substitute.For<ITransactionScope>();
    public IOutbox Outbox { get; } = Substitute.For<IOutbox>();
    public Application.Common.Caching.ICache Cache { get; } = Substitute.For<Application.Common.Caching.ICache>();
    public IPasswordHasher Hasher { get; } = Substitute.For<IPasswordHasher>();
    public ITokenService Tokens { get; } = Substitute.For<ITokenService>();
    public IClock Clock { get; } = Substitute.For<IClock>();
    public ICurrentUser Caller { get; } = Substitute.For<ICurrentUser>();
    public ICommonPasswordList CommonPasswords { get; } = Substitute.For<ICommonPasswordList>();
    public IUserReadModel ReadModel { get; } = Substitute.For<IUserReadModel>();
    public ISessionRevocationStore Revocations { get; } = Substitute.For<ISessionRevocationStore>();
    public ILoginThrottleRepository Throttles { get; } = Substitute.For<ILoginThrottleRepository>();
    public IRuntimeSettings RuntimeSettings { get; } = Substitute.For<IRuntimeSettings>();
    public ISessionReadModel SessionReadModel { get; } = Substitute.For<ISessionReadModel>();

    /// <summary>Report target types need it; track tests register their own, which wins.</summary>
    public ITrackRepository Tracks { get; } = Substitute.For<ITrackRepository>();

    public Domain.Resources.ISharedResourceRepository Resources { get; } = Substitute.For<Domain.Resources.ISharedResourceRepository>();
    public Dictionary<string, LoginThrottle> StoredThrottles { get; } = [];
    public IAccountTokenRepository AccountTokens { get; } = Substitute.For<IAccountTokenRepository>();
    public IMfaEnrolmentRepository MfaEnrolments { get; } = Substitute.For<IMfaEnrolmentRepository>();
    public IUserIdentityRepository Identities { get; } = Substitute.For<IUserIdentityRepository>();
    public IKeyedLocks KeyedLocks { get; } = Substitute.For<IKeyedLocks>();
    public IEnumerable<UserIdentity> StoredIdentities => _tracked.OfType<UserIdentity>();
    public ReversibleSecretProtector SecretProtector { get; } = new();
    public IQrCodeRenderer QrCodes { get; } = Substitute.For<IQrCodeRenderer>();
    public Domain.Settings.RuntimeSettings Settings { get; set; } = Domain.Settings.RuntimeSettings.Defaults;
    public IEnumerable<MfaEnrolment> StoredMfaEnrolments => _tracked.OfType<MfaEnrolment>();
    public const string LinkBase = "https://app.veza.test";
    public IJobScheduler Jobs { get; } = Substitute.For<IJobScheduler>();

    /// <summary>Revoked sessions' live connections are told to close; tests that watch realtime register their own, which wins.</summary>
    public IRealtimeNotifier Realtime { get; } = Substitute.For<IRealtimeNotifier>();

    /// <summary>Account deletion unlinks the user's plays; play tests register their own, which wins.</summary>
    public Domain.Plays.IPlayLog PlayLog { get; } = Substitute.For<Domain.Plays.IPlayLog>();
    public IEmailSender Emails { get; } = Substitute.For<IEmailSender>();
    public IRateLimiter RateLimiter { get; } = Substitute.For<IRateLimiter>();
    public List<IJob> EnqueuedJobs { get; } = [];
    public List<EmailMessage> SentEmails { get; } = [];
    public IEnumerable<AccountToken> StoredAccountTokens => _tracked.OfType<AccountToken>();
    public List<RecordedAudit> AuditEvents { get; } = [];
    public List<IIntegrationEvent> OutboxEvents { get; } = [];

    public IEnumerable<User> StoredUsers => _tracked.OfType<User>();
    public IEnumerable<Session> StoredSessions => _tracked.OfType<Session>();

    /// <summary>Sends through a fresh scope, as one HTTP request would.</summary>
    /// <summary>Tracks an entity a feature's substitute repository hands out, so its domain events are dispatched like a real unit of work's.</summary>
    public void Track(Entity entity)
    {
        if (!_tracked.Contains(entity))
        {
            _tracked.Add(entity);
        }
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Runs the queued account-email jobs as the worker would (each in a scope of its own), then forgets them.</summary>
    public async Task RunQueuedEmailsAsync()
    {
        var jobs = EnqueuedJobs.OfType<SendAccountEmailJob>().ToList();
        EnqueuedJobs.RemoveAll(j => j is SendAccountEmailJob);
        foreach (var job in jobs)
        {
            await using var scope = _provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SendAccountEmailJobHandler>().Handle(job, CancellationToken.None);
        }
    }

    /// <summary>Runs <paramref name="action"/> in a fresh scope, as the job worker runs a job or a consumer.</summary>
    public async Task InScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>Runs a job through its registered handler in a fresh scope, as the job worker does.</summary>
    public Task RunJobAsync<TJob>(TJob job, CancellationToken cancellationToken = default)
        where TJob : IJob =>
        InScopeAsync(sp => sp.GetServices<Common.Jobs.JobKindRegistration>().Single(r => r.JobType == typeof(TJob)).Run(sp, job, cancellationToken));

    /// <summary>A caller known only by id and role (the use case reads nothing else of them).</summary>
    public void SignIn(Guid userId, Role role = Role.User)
    {
        Caller.IsAuthenticated.Returns(true);
        Caller.UserId.Returns(userId);
        Caller.Role.Returns(role);
    }

    public void SignInAs(User user, Guid sessionId)
    {
        Caller.IsAuthenticated.Returns(true);
        Caller.UserId.Returns(user.Id);
        Caller.Username.Returns(user.Username);
        Caller.Role.Returns(user.Role);
        Caller.SessionId.Returns(sessionId);
        Caller.AccessTokenExpiresAt.Returns(CurrentTime.AddMinutes(15));
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>What a use case told the audit trail; when and where from are the adapter's to stamp.</summary>
public sealed record RecordedAudit(string Action, string Outcome, Guid? ActorUserId, string? Detail, string? Target = null);

/// <summary>Seals a secret by base64 alone (the AES-GCM adapter has its own tests); "old" key ids report a rotation.</summary>
public sealed class ReversibleSecretProtector : ISecretProtector
{
    public string CurrentKeyId { get; set; } = "current";

    public ProtectedSecret Protect(ReadOnlySpan<byte> secret, Guid ownerId) => new(CurrentKeyId, $"{ownerId:N}:{Convert.ToBase64String(secret)}");

    public (byte[] Secret, bool SealedWithOlderKey) Unprotect(ProtectedSecret protectedSecret, Guid ownerId)
    {
        var parts = protectedSecret.Ciphertext.Split(':');
        if (parts[0] != ownerId.ToString("N"))
        {
            throw new System.Security.Cryptography.CryptographicException("sealed for another owner");
        }

        return (Convert.FromBase64String(parts[1]), protectedSecret.KeyId != CurrentKeyId);
    }
}
