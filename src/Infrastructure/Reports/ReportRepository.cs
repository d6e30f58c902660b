using Microsoft.EntityFrameworkCore;
using Veza.Domain.Reports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Reports;

internal sealed class ReportRepository(VezaDbContext db) : IReportRepository
{
    public Task<Report?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Report>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<bool> HasOpenReportAsync(Guid reporterId, string targetType, Guid targetId, CancellationToken cancellationToken) =>
        db.Set<Report>().AnyAsync(r => r.ReporterId == reporterId && r.TargetType == targetType && r.TargetId == targetId && r.Status == ReportStatus.Open, cancellationToken);

    public void Add(Report report) => db.Set<Report>().Add(report);
}
