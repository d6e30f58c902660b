using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Veza.Domain.Identities;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.OAuth;

internal sealed class UserIdentityConfiguration : IEntityTypeConfiguration<UserIdentity>
{
    public void Configure(EntityTypeBuilder<UserIdentity> builder)
    {
        builder.ToTable("user_identities");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Provider).HasConversion(ProviderColumn.Converter).HasMaxLength(ProviderColumn.MaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.UserId);
        // Known to EF too, so removing a stale link and adding its replacement in one save is ordered right.
        // Two first sign-ins racing for one provider account: the loser answers 409.
        builder.HasIndex(i => new { i.Provider, i.Subject })
            .IsUniqueConflictOn("ux_user_identities_provider_subject", "provider", "This provider account is already linked to an account.");
        builder.HasIndex(i => new { i.UserId, i.Provider })
            .IsUniqueConflictOn("ux_user_identities_user_provider", "provider", "An account at this provider is already linked to this account.");
        builder.Ignore(i => i.DomainEvents);
    }
}

internal sealed class PendingOAuthLoginConfiguration : IEntityTypeConfiguration<PendingOAuthLogin>
{
    public void Configure(EntityTypeBuilder<PendingOAuthLogin> builder)
    {
        builder.ToTable("oauth_pending_logins");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Provider).HasConversion(ProviderColumn.Converter).HasMaxLength(ProviderColumn.MaxLength);
        builder.Ignore(p => p.DomainEvents);
        // Two callbacks with one state race on this row: exactly one may spend it.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }
}

/// <summary>A provider stored by its name ("google"); a name this build does not know is the server's fault (500), never the caller's.</summary>
internal static class ProviderColumn
{
    public const int MaxLength = 16;

    public static readonly ValueConverter<ExternalProvider, string> Converter = new(p => p.ToName(), s => Parse(s));

    private static ExternalProvider Parse(string name) =>
        ExternalProviders.TryParse(name, out var provider) ? provider : throw new StoredDataException($"A provider column holds an unknown provider ({name.Length} characters).");
}
