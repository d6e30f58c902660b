using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.AccountTokens;
using Veza.Domain.Users;

namespace Veza.Infrastructure.AccountTokens;

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> builder)
    {
        builder.ToTable("account_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Purpose).HasConversion(p => p.ToName(), s => AccountTokenPurposes.Parse(s)).HasMaxLength(32);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
        builder.Ignore(t => t.DomainEvents);
        // Two redemptions of one token race on this row: exactly one may win.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }
}
