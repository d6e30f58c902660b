using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Users;

internal sealed class UserAvatarConfiguration : IEntityTypeConfiguration<UserAvatar>
{
    public void Configure(EntityTypeBuilder<UserAvatar> builder)
    {
        builder.ToTable("user_avatars");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("user_id").ValueGeneratedNever();
        // Two uploads racing from one user: the later save fails (409) instead of silently replacing the
        // earlier one and queueing the old files' deletion twice; the loser's new files stay unreferenced.
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.DomainEvents);
    }
}
