using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Role).HasConversion(r => r.ToName(), s => ParseRole(s)).HasMaxLength(20);
        builder.Ignore(u => u.DomainEvents);
        // Login bookkeeping and password changes race on this row: optimistic concurrency via xmin.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    private static Role ParseRole(string name) =>
        RoleNames.TryParse(name, out var role) ? role : throw new DomainException($"Unknown role '{name}' in storage.");
}
