using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Resources;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Resources;

/// <summary>
/// Shared resources (0030_shared_resources.sql): the resource carries its row version (xmin), so two edits, or a
/// version added while another is deleted, cannot both win. Downloads are rows of their own
/// (<see cref="SharedResourceRepository.RecordDownloadAsync"/>) counted when read, so a download never touches the
/// resource's row and never turns an edit into a conflict.
/// </summary>
internal sealed class ResourceConfiguration :
    IEntityTypeConfiguration<SharedResource>,
    IEntityTypeConfiguration<ResourceVersion>,
    IEntityTypeConfiguration<ResourceGrant>,
    IEntityTypeConfiguration<ResourceDownloadRow>
{
    public void Configure(EntityTypeBuilder<ResourceDownloadRow> builder)
    {
        builder.ToTable("shared_resource_downloads");
        builder.HasKey(d => new { d.ResourceId, d.Version, d.UserId, d.Day });
    }

    public void Configure(EntityTypeBuilder<SharedResource> builder)
    {
        builder.ToTable("shared_resources");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.OwnerId);
        builder.Property(r => r.Kind).HasConversion(new WireNameConverter<ResourceKind>()).HasMaxLength(16);
        builder.Property(r => r.Visibility).HasConversion(new WireNameConverter<ResourceVisibility>()).HasMaxLength(10);
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Permissions).WithOne().HasForeignKey(p => p.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Permissions).HasField("_permissions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.Latest);
        builder.Ignore(r => r.StoredBytes);
        builder.Ignore(r => r.Details);
        builder.Ignore(r => r.DomainEvents);
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<ResourceVersion> builder)
    {
        builder.ToTable("shared_resource_versions");
        builder.HasKey(v => new { v.ResourceId, v.Number });
        builder.Property(v => v.Number).ValueGeneratedNever();
        builder.Property(v => v.Sha256).HasColumnType("char(64)");
    }

    public void Configure(EntityTypeBuilder<ResourceGrant> builder)
    {
        builder.ToTable("shared_resource_permissions");
        builder.HasKey(p => new { p.ResourceId, p.UserId });
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Level).HasConversion(new WireNameConverter<ResourcePermissionLevel>()).HasMaxLength(10);
    }
}

/// <summary>A counted download (one per user, version and day), for the read side's counts.</summary>
internal sealed class ResourceDownloadRow
{
    public Guid ResourceId { get; private set; }
    public int Version { get; private set; }
    public Guid UserId { get; private set; }
    public DateOnly Day { get; private set; }
}
