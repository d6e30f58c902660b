using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

public class MigrationAndPersistenceTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_is_a_no_op()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = InfrastructureHost.Create(database);
        var migrator = provider.GetRequiredService<SqlMigrator>();

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.That(first, Is.EqualTo(SqlMigrator.LoadScripts().Select(s => s.Version)));
        Assert.That(second, Is.Empty);
        foreach (var table in new[] { "users", "sessions", "refresh_tokens", "audit_events", "outbox_messages" })
        {
            Assert.That(await database.ScalarAsync<bool>("SELECT to_regclass(@t) IS NOT NULL", ("t", table)), Is.True, table);
        }

        Assert.That(await database.ScalarAsync<string>("SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'created_at'"),
            Is.EqualTo("timestamp with time zone"));
    }

    [Test]
    public async Task A_unique_violation_from_a_race_becomes_a_conflict_on_the_right_field()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = InfrastructureHost.Create(database);
        await provider.GetRequiredService<SqlMigrator>().MigrateAsync(CancellationToken.None);

        await SaveUserAsync(provider, User.Register("dj_nova", "nova@example.com", "h", Now));
        // Bypasses the handler's pre-check, as two simultaneous registrations would.
        var username = Assert.ThrowsAsync<ConflictException>(() => SaveUserAsync(provider, User.Register("dj_nova", "other@example.com", "h", Now)));
        var email = Assert.ThrowsAsync<ConflictException>(() => SaveUserAsync(provider, User.Register("someone_else", "NOVA@example.com", "h", Now)));

        Assert.That((username!.Field, username.Message), Is.EqualTo(("username", "This username is already taken.")));
        Assert.That((email!.Field, email.Message), Is.EqualTo(("email", "An account with this email already exists.")));
    }

    [Test]
    public async Task Concurrent_edits_of_one_user_row_are_detected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = InfrastructureHost.Create(database);
        await provider.GetRequiredService<SqlMigrator>().MigrateAsync(CancellationToken.None);
        var user = User.Register("dj_nova", "nova@example.com", "h", Now);
        await SaveUserAsync(provider, user);

        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
        var b = await second.ServiceProvider.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
        a!.RecordSuccessfulLogin(Now);
        b!.ChangePassword("new", Now);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);

        Assert.ThrowsAsync<ConcurrentChangeException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
        var stored = await first.ServiceProvider.GetRequiredService<VezaDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.That(stored.PasswordHash, Is.EqualTo("h"), "the losing write changed nothing");
    }

    [Test]
    public async Task Login_lookup_is_case_insensitive_on_email_and_username()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = InfrastructureHost.Create(database);
        await provider.GetRequiredService<SqlMigrator>().MigrateAsync(CancellationToken.None);
        var user = User.Register("dj_nova", "Nova@Example.com", "h", Now);
        await SaveUserAsync(provider, user);

        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        Assert.That((await users.FindByLoginAsync("NOVA@example.COM", CancellationToken.None))?.Id, Is.EqualTo(user.Id));
        Assert.That((await users.FindByLoginAsync("DJ_Nova", CancellationToken.None))?.Id, Is.EqualTo(user.Id));
        Assert.That(await users.FindByLoginAsync("someone", CancellationToken.None), Is.Null);
    }

    internal static async Task SaveUserAsync(IServiceProvider provider, User user)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(user);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }
}
