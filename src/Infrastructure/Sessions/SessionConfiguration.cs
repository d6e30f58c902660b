using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Sessions;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Sessions;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Ignore(s => s.DomainEvents);
        builder.Ignore(s => s.IsRevoked);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId);
        builder.HasMany(s => s.Tokens).WithOne().HasForeignKey(t => t.SessionId);
        builder.Navigation(s => s.Tokens).HasField("_tokens").UsePropertyAccessMode(PropertyAccessMode.Field);
        // Two refreshes with the same token must not both win.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Ignore(t => t.IsSpent);
    }
}
