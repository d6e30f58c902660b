using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Veza.Infrastructure.Tracks;

/// <summary>A row of track_likes, for the read side's queries (likes are written by <see cref="TrackLikeStore"/> in SQL).</summary>
internal sealed class TrackLikeRow
{
    public Guid UserId { get; private set; }
    public Guid TrackId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A row of tags, for the read side's queries (counts are kept by <see cref="TrackRepository"/> in SQL).</summary>
internal sealed class TagRow
{
    public string Name { get; private set; } = string.Empty;
    public int UsageCount { get; private set; }
    public int TrackCount { get; private set; }
    public int ListingCount { get; private set; }
    public int ResourceCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class TrackLikeRowConfiguration : IEntityTypeConfiguration<TrackLikeRow>
{
    public void Configure(EntityTypeBuilder<TrackLikeRow> builder)
    {
        builder.ToTable("track_likes");
        builder.HasKey(l => new { l.UserId, l.TrackId });
    }
}

internal sealed class TagRowConfiguration : IEntityTypeConfiguration<TagRow>
{
    public void Configure(EntityTypeBuilder<TagRow> builder)
    {
        builder.ToTable("tags");
        builder.HasKey(t => t.Name);
        // The sum of the per-kind counts, computed by PostgreSQL (0029): never written.
        builder.Property(t => t.UsageCount).ValueGeneratedOnAddOrUpdate();
    }
}
