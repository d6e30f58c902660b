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

internal sealed class TrackLikeRowConfiguration : IEntityTypeConfiguration<TrackLikeRow>
{
    public void Configure(EntityTypeBuilder<TrackLikeRow> builder)
    {
        builder.ToTable("track_likes");
        builder.HasKey(l => new { l.UserId, l.TrackId });
    }
}
