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
        builder.Ignore(a => a.DomainEvents);
    }
}
