using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Media;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Tracks;

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.ToTable("tracks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.OwnerId);
        builder.Property(t => t.Visibility).HasConversion(v => v.ToName(), s => ParseVisibility(s)).HasMaxLength(10);
        builder.Property(t => t.Status).HasConversion(v => v.ToName(), s => ParseStatus(s)).HasMaxLength(12);
        builder.Property(t => t.Failure).HasConversion(f => f == null ? null : f.Value.ToName(), s => ParseFailure(s)).HasMaxLength(20);
        builder.Property(t => t.OriginalFormat).HasConversion(f => f.ToString().ToLowerInvariant(), s => ParseFormat(s)).HasMaxLength(12);
        builder.HasIndex(t => new { t.OwnerId, t.ContentHash }).IsUniqueConflictOn("ux_tracks_owner_content_hash", "file", "You already uploaded this file.");
        builder.Ignore(t => t.Tags);
        builder.Property<string[]>("_tags").HasColumnName("tags").HasColumnType("text[]");
        builder.Ignore(t => t.IsHidden);
        builder.Ignore(t => t.DomainEvents);
        // Processing, edits, likes and reports race on this row.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    private static TrackVisibility ParseVisibility(string name) =>
        TrackNames.TryParseVisibility(name, out var v) ? v : throw new StoredDataException($"tracks.visibility holds an unknown value ({name.Length} characters).");

    private static TrackStatus ParseStatus(string name) =>
        TrackNames.TryParseStatus(name, out var s) ? s : throw new StoredDataException($"tracks.status holds an unknown value ({name.Length} characters).");

    private static TrackFailure? ParseFailure(string? name) =>
        name is null ? null : TrackNames.TryParseFailure(name, out var f) ? f : throw new StoredDataException($"tracks.failure holds an unknown value ({name.Length} characters).");

    private static AudioFormat ParseFormat(string name) =>
        Enum.TryParse<AudioFormat>(name, ignoreCase: true, out var f) ? f : throw new StoredDataException($"tracks.original_format holds an unknown value ({name.Length} characters).");
}
