using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;

namespace Veza.Application.Reports.Queries.GetReport;

[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record GetReportQuery(Guid ReportId) : IQuery<ReportDto>;

public sealed class GetReportQueryHandler(IReportReadModel readModel) : IRequestHandler<GetReportQuery, ReportDto>
{
    public async Task<ReportDto> Handle(GetReportQuery request, CancellationToken cancellationToken) =>
        await readModel.FindAsync(request.ReportId, cancellationToken) ?? throw new NotFoundException("No report with this id.");
}
