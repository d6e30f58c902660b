using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Mfa;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Mfa;

internal sealed class MfaEnrolmentConfiguration : IEntityTypeConfiguration<MfaEnrolment>
{
    public void Configure(EntityTypeBuilder<MfaEnrolment> builder)
    {
        builder.ToTable("mfa_enrolments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("user_id").ValueGeneratedNever();
        builder.HasOne<User>().WithOne().HasForeignKey<MfaEnrolment>(e => e.Id);
        builder.Ignore(e => e.Secret);
        builder.Ignore(e => e.IsEnabled);
        builder.Ignore(e => e.RecoveryCodeHashes);
        builder.Property<string[]>("_recoveryCodeHashes").HasColumnName("recovery_code_hashes").HasColumnType("text[]");
        builder.Ignore(e => e.DomainEvents);
    }
}
