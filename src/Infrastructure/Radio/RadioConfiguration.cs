using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Chat;
using Veza.Domain.Radio;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Radio;

internal sealed class RadioConfiguration
    : IEntityTypeConfiguration<Station>, IEntityTypeConfiguration<StationMember>, IEntityTypeConfiguration<StationRequest>, IEntityTypeConfiguration<StationRequestVote>
{
    public void Configure(EntityTypeBuilder<Station> builder)
    {
        builder.ToTable("radio_stations");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.OwnerId);
        builder.HasOne<ChatRoom>().WithMany().HasForeignKey(s => s.ChatRoomId);
        builder.Property(s => s.Visibility).HasConversion(v => v.ToName(), s => s == "unlisted" ? StationVisibility.Unlisted : StationVisibility.Public).HasMaxLength(16);
        builder.HasIndex(s => s.Slug).IsUniqueConflictOn("ux_radio_stations_slug", "slug", "A station with this slug exists.");
        builder.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.StationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.DomainEvents);
    }

    public void Configure(EntityTypeBuilder<StationMember> builder)
    {
        builder.ToTable("radio_station_members");
        builder.HasKey(m => new { m.StationId, m.UserId });
        builder.Property(m => m.Role).HasConversion(r => r.ToName(), s => s == "owner" ? StationRole.Owner : StationRole.Dj).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<StationRequest> builder)
    {
        builder.ToTable("radio_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<StationRequestStatus>(s, true)).HasMaxLength(16);
        builder.HasMany(r => r.Votes).WithOne().HasForeignKey(v => v.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Votes).HasField("_votes").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.DomainEvents);
    }

    public void Configure(EntityTypeBuilder<StationRequestVote> builder)
    {
        builder.ToTable("radio_request_votes");
        builder.HasKey(v => new { v.RequestId, v.UserId });
    }
}

/// <summary>A row of a station's history (written and read as a row: the history is not an aggregate).</summary>
internal sealed class StationPlayRow
{
    public Guid Id { get; set; }
    public Guid StationId { get; set; }
    public Guid? TrackId { get; set; }
    public string Title { get; set; } = string.Empty;
    public string Artist { get; set; } = string.Empty;
    public Guid? RequestId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double? DurationSeconds { get; set; }
    public int Listeners { get; set; }
}

internal sealed class StationPlayRowConfiguration : IEntityTypeConfiguration<StationPlayRow>
{
    public void Configure(EntityTypeBuilder<StationPlayRow> builder)
    {
        builder.ToTable("radio_plays");
        builder.HasKey(p => p.Id);
    }
}
