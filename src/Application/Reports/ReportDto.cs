using System.Linq.Expressions;
using Veza.Domain.Reports;

namespace Veza.Application.Reports;

public sealed record ReportDto(
    Guid Id,
    Guid ReporterId,
    string TargetType,
    Guid TargetId,
    ReportReason Reason,
    string? Details,
    ReportStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    Guid? ResolvedBy,
    ReportAction? Resolution,
    string? ResolutionNote)
{
    public static readonly Expression<Func<Report, ReportDto>> Projection = r => new ReportDto(
        r.Id, r.ReporterId, r.TargetType, r.TargetId, r.Reason, r.Details, r.Status, r.CreatedAt, r.ResolvedAt, r.ResolvedBy, r.Resolution, r.ResolutionNote);

    private static readonly Func<Report, ReportDto> Compiled = Projection.Compile();

    public static ReportDto From(Report report) => Compiled(report);
}

public sealed record ReportFilter(ReportStatus? Status, string? TargetType, ReportReason? Reason);
