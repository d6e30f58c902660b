using Veza.Application.Common.Models;
using Veza.Application.Reports;

namespace Veza.Application.Common.ReadModels;

public interface IReportReadModel
{
    /// <summary>Newest first.</summary>
    Task<PagedResult<ReportDto>> ListAsync(ReportFilter filter, PageRequest paging, CancellationToken cancellationToken);

    Task<ReportDto?> FindAsync(Guid reportId, CancellationToken cancellationToken);
}
