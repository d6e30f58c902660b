using Microsoft.EntityFrameworkCore;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Reports;
using Veza.Domain.Reports;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Reports;

internal sealed class ReportReadModel(VezaDbContext db) : IReportReadModel
{
    public async Task<PagedResult<ReportDto>> ListAsync(ReportFilter filter, PageRequest paging, CancellationToken cancellationToken)
    {
        var query = db.Set<Report>().AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.TargetType is { } type)
        {
            query = query.Where(r => r.TargetType == type);
        }

        if (filter.Reason is { } reason)
        {
            query = query.Where(r => r.Reason == reason);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(paging.Offset).Take(paging.Limit).Select(ReportDto.Projection).ToListAsync(cancellationToken);
        return new PagedResult<ReportDto>(items, paging.Page, paging.Limit, total);
    }

    public Task<ReportDto?> FindAsync(Guid reportId, CancellationToken cancellationToken) =>
        db.Set<Report>().AsNoTracking().Where(r => r.Id == reportId).Select(ReportDto.Projection).FirstOrDefaultAsync(cancellationToken);
}
