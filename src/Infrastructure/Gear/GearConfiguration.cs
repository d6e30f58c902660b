using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Categories;
using Veza.Domain.Gear;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Gear;

/// <summary>The gear tables (0027_gear.sql): catalog products, owned gear, and the files of both.</summary>
internal sealed class GearConfiguration : IEntityTypeConfiguration<Product>, IEntityTypeConfiguration<OwnedGear>, IEntityTypeConfiguration<GearFile>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId);
        builder.Property(p => p.Status).HasConversion(new WireNameConverter<ProductStatus>()).HasMaxLength(16);
        builder.Property(p => p.Price).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasColumnType("char(3)");
        builder.Property(p => p.Specifications).HasColumnType("jsonb");
        builder.Ignore(p => p.Details);
        builder.Ignore(p => p.DomainEvents);
    }

    public void Configure(EntityTypeBuilder<OwnedGear> builder)
    {
        builder.ToTable("user_products");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(g => g.OwnerId);
        builder.HasOne<Product>().WithMany().HasForeignKey(g => g.ProductId);
        builder.Property(g => g.Status).HasConversion(new WireNameConverter<OwnedGearStatus>()).HasMaxLength(16);
        builder.Property(g => g.PurchasePrice).HasPrecision(12, 2);
        builder.Property(g => g.Currency).HasColumnType("char(3)");
        builder.HasIndex(g => new { g.OwnerId, g.ProductId, g.SerialNumber })
            .IsUniqueConflictOn("ux_user_products_serial", "serial_number", "You already record this product with this serial number.");
        builder.Ignore(g => g.Details);
        builder.Ignore(g => g.DomainEvents);
        // "Version" is the gear's own (hardware revision): the row version gets another name.
        builder.Property<uint>("RowVersion").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<GearFile> builder)
    {
        builder.ToTable("gear_files");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.OwnedGearId).HasColumnName("user_product_id");
        builder.HasOne<OwnedGear>().WithMany().HasForeignKey(f => f.OwnedGearId);
        builder.HasOne<Product>().WithMany().HasForeignKey(f => f.ProductId);
        builder.Property(f => f.Type).HasConversion(new WireNameConverter<GearFileType>()).HasMaxLength(16);
        builder.Property(f => f.Format).HasConversion(new WireNameConverter<GearFileFormat>()).HasMaxLength(8);
        builder.Ignore(f => f.IsCatalogDocument);
        builder.Ignore(f => f.DomainEvents);
    }
}
