using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Veza.Domain.Auditing;
using Veza.Domain.Sessions;
using Veza.Domain.Users;
using Veza.Infrastructure.Jobs;
using Veza.Infrastructure.Outbox;

namespace Veza.Infrastructure.Persistence;

public sealed class VezaDbContext(DbContextOptions<VezaDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<UserAvatar> UserAvatars => Set<UserAvatar>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VezaDbContext).Assembly);

        // The schema is hand-written in snake_case (migrations/*.sql); map every column to it.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() is { } name && name != "xmin")
                {
                    property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(name));
                }
            }
        }
    }
}
