using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Role).HasConversion(r => r.ToName(), s => ParseRole(s)).HasMaxLength(20);
        builder.HasIndex(u => u.NormalizedUsername).IsUniqueConflictOn("ux_users_normalized_username", "username", "This username is already taken.");
        builder.HasIndex(u => u.NormalizedEmail).IsUniqueConflictOn("ux_users_normalized_email", "email", "An account with this email already exists.");
        builder.Property(u => u.Status).HasConversion(s => s.ToName(), s => ParseStatus(s)).HasMaxLength(16);
        builder.Property(u => u.Plan).HasConversion(p => p.ToName(), s => ParsePlan(s)).HasMaxLength(16);
        builder.Ignore(u => u.Links);
        builder.Ignore(u => u.IsEmailVerified);
        builder.Property<string[]>("_links").HasColumnName("links").HasColumnType("text[]");
        builder.Ignore(u => u.DomainEvents);
        // Login bookkeeping and password changes race on this row: optimistic concurrency via xmin.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    // A role this build does not know (written by a newer node, or by hand) is the server's fault, not
    // the caller's: it must surface as a 500 that tells the client nothing, never as a 4xx.
    private static Role ParseRole(string name) =>
        RoleNames.TryParse(name, out var role) ? role : throw new StoredDataException($"users.role holds an unknown role ({name.Length} characters).");

    private static AccountStatus ParseStatus(string name) =>
        AccountNames.TryParseStatus(name, out var status) ? status : throw new StoredDataException($"users.status holds an unknown status ({name.Length} characters).");

    private static Plan ParsePlan(string name) =>
        AccountNames.TryParsePlan(name, out var plan) ? plan : throw new StoredDataException($"users.plan holds an unknown plan ({name.Length} characters).");
}
