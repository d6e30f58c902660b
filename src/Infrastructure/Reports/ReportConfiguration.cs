using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Veza.Domain.Reports;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reason).HasConversion(r => r.ToName(), s => Parse<ReportReason>(s, ReportNames.TryParseReason, "reason")).HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion(s => s.ToName(), s => Parse<ReportStatus>(s, ReportNames.TryParseStatus, "status")).HasMaxLength(16);
        builder.Property(r => r.Resolution).HasConversion(new ValueConverter<ReportAction, string>(
            a => a.ToName(), s => Parse<ReportAction>(s, ReportNames.TryParseAction, "resolution"))).HasMaxLength(20);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ReporterId);
        builder.HasIndex(r => new { r.ReporterId, r.TargetType, r.TargetId })
            .HasFilter("status = 'open'")
            .IsUniqueConflictOn("ux_reports_open_per_reporter_target", "target_id", "You already have an open report on this target.");
        builder.Ignore(r => r.IsOpen);
        builder.Ignore(r => r.DomainEvents);
        // Two moderators resolving the same report at once: the second gets 409, never a second resolution.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    private delegate bool TryParse<T>(string? name, out T value);

    private static T Parse<T>(string name, TryParse<T> tryParse, string column) =>
        tryParse(name, out var value) ? value : throw new StoredDataException($"reports.{column} holds an unknown value ({name.Length} characters).");
}
