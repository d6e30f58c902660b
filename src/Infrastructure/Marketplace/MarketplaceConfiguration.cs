using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Categories;
using Veza.Domain.Marketplace;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Marketplace;

/// <summary>
/// The marketplace's aggregates (0026_marketplace.sql). Listings, offers and transactions carry their row
/// version (xmin): two accepts racing on one listing both try to reserve it, and the second save fails (409).
/// </summary>
internal sealed class MarketplaceConfiguration :
    IEntityTypeConfiguration<Category>,
    IEntityTypeConfiguration<Listing>,
    IEntityTypeConfiguration<ListingImage>,
    IEntityTypeConfiguration<Offer>,
    IEntityTypeConfiguration<OfferMove>,
    IEntityTypeConfiguration<MarketTransaction>,
    IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId);
        builder.HasIndex(c => c.Slug).IsUniqueConflictOn("ux_categories_slug", "slug", "Another category has this slug.");
        builder.Ignore(c => c.DomainEvents);
    }

    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.ToTable("listings");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.SellerId);
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId);
        builder.HasOne<Track>().WithMany().HasForeignKey(l => l.TrackId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(l => l.Kind).HasConversion(new WireNameConverter<ListingKind>()).HasMaxLength(16);
        builder.Property(l => l.Condition).HasConversion(new WireNameConverter<ListingCondition>()).HasMaxLength(16);
        builder.Property(l => l.Status).HasConversion(new WireNameConverter<ListingStatus>()).HasMaxLength(16);
        builder.Property(l => l.Price).HasPrecision(12, 2);
        builder.Property(l => l.Currency).HasColumnType("char(3)");
        builder.HasMany(l => l.Images).WithOne().HasForeignKey(i => i.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Images).HasField("_images").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(l => l.Terms);
        builder.Ignore(l => l.IsFinal);
        builder.Ignore(l => l.IsAvailable);
        builder.Ignore(l => l.DomainEvents);
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<ListingImage> builder)
    {
        builder.ToTable("listing_images");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("offers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasOne<Listing>().WithMany().HasForeignKey(o => o.ListingId);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.BuyerId);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.SellerId);
        builder.Property(o => o.Status).HasConversion(new WireNameConverter<OfferStatus>()).HasMaxLength(16);
        builder.Property(o => o.Turn).HasConversion(new WireNameConverter<MarketParty>()).HasMaxLength(8);
        builder.Property(o => o.Amount).HasPrecision(12, 2);
        builder.Property(o => o.Currency).HasColumnType("char(3)");
        builder.HasIndex(o => new { o.ListingId, o.BuyerId })
            .HasFilter("status IN ('pending', 'countered')")
            .IsUniqueConflictOn("ux_offers_open_per_buyer", "listing_id", "You already have an open offer on this listing: counter or withdraw it.");
        builder.HasMany(o => o.Moves).WithOne().HasForeignKey(m => m.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Moves).HasField("_moves").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(o => o.IsOpen);
        builder.Ignore(o => o.ListingIds);
        builder.Ignore(o => o.DomainEvents);
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<OfferMove> builder)
    {
        builder.ToTable("offer_moves");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion(new WireNameConverter<OfferMoveKind>()).HasMaxLength(16);
        builder.Property(m => m.By).HasColumnName("by_party").HasConversion(new WireNameConverter<MarketParty>()).HasMaxLength(8);
        builder.Property(m => m.Amount).HasPrecision(12, 2);
        builder.Property(m => m.Currency).HasColumnType("char(3)");
    }

    public void Configure(EntityTypeBuilder<MarketTransaction> builder)
    {
        builder.ToTable("market_transactions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Offer>().WithOne().HasForeignKey<MarketTransaction>(t => t.OfferId);
        builder.HasOne<Listing>().WithMany().HasForeignKey(t => t.ListingId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.BuyerId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.SellerId);
        builder.Property(t => t.Status).HasConversion(new WireNameConverter<TransactionStatus>()).HasMaxLength(16);
        builder.Property(t => t.Amount).HasPrecision(12, 2);
        builder.Property(t => t.Currency).HasColumnType("char(3)");
        builder.HasMany(t => t.Ratings).WithOne().HasForeignKey(r => r.TransactionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Ratings).HasField("_ratings").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(t => t.IsOpen);
        builder.Ignore(t => t.ListingIds);
        builder.Ignore(t => t.DomainEvents);
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("ratings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.TransactionId, r.RaterId })
            .IsUniqueConflictOn("ratings_transaction_id_rater_id_key", "transaction_id", "You have rated this transaction already.");
    }
}
