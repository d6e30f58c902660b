using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Plays;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Plays;

internal sealed class PlayProgressConfiguration : IEntityTypeConfiguration<PlayProgress>
{
    public void Configure(EntityTypeBuilder<PlayProgress> builder)
    {
        builder.ToTable("play_progress");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Listener).HasMaxLength(64);
        builder.HasOne<Track>().WithMany().HasForeignKey(p => p.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TrackId, p.Listener }).IsUniqueConflictOn("ux_play_progress_track_listener", "listener", "This listening is already being counted.");
        builder.Ignore(p => p.DomainEvents);
        // Two nodes flushing the same listener race on this row: the loser runs again on fresh rows.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }
}

/// <summary>A row of plays, for the read side's queries (plays are written by <see cref="PlayLog"/> in SQL).</summary>
internal sealed class PlayRow
{
    public Guid Id { get; private set; }
    public Guid TrackId { get; private set; }
    public Guid? UserId { get; private set; }
    public string Source { get; private set; } = string.Empty;
    public int Listeners { get; private set; }
    public DateTimeOffset PlayedAt { get; private set; }
    public bool InHistory { get; private set; }
}

internal sealed class PlayRowConfiguration : IEntityTypeConfiguration<PlayRow>
{
    public void Configure(EntityTypeBuilder<PlayRow> builder)
    {
        builder.ToTable("plays");
        builder.HasKey(p => p.Id);
    }
}
