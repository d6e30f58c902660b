using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Playlists;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Playlists;

/// <summary>A playlist and its entries (playlist_tracks): the aggregate loads all its entries and saves the positions it changed.</summary>
internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Playlist>, IEntityTypeConfiguration<PlaylistEntry>
{
    public void Configure(EntityTypeBuilder<Playlist> builder)
    {
        builder.ToTable("playlists");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.OwnerId);
        builder.Property(p => p.Visibility).HasConversion(v => v.ToName(), s => ParseVisibility(s)).HasMaxLength(10);
        builder.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PlaylistId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.DomainEvents);
        // Every change to the entries updates the row too (track count, updated_at), so two edits of one
        // playlist cannot both win: the later save fails and is run again on fresh reads.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<PlaylistEntry> builder)
    {
        builder.ToTable("playlist_tracks");
        builder.HasKey(e => new { e.PlaylistId, e.TrackId });
        // Known to the model so a track deleted in the same save as its entries is deleted after them.
        builder.HasOne<Track>().WithMany().HasForeignKey(e => e.TrackId).OnDelete(DeleteBehavior.Cascade);
    }

    private static TrackVisibility ParseVisibility(string name) =>
        TrackNames.TryParseVisibility(name, out var v) ? v : throw new StoredDataException($"playlists.visibility holds an unknown value ({name.Length} characters).");
}
