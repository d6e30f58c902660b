using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Reports;

namespace Veza.Application.Reports.Queries.ListReports;

/// <summary>Reports, newest first, filtered by status, target type and reason.</summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record ListReportsQuery(PageRequest Paging, string? Status = null, string? TargetType = null, string? Reason = null)
    : IQuery<PagedResult<ReportDto>>, IPagedQuery;

public sealed class ListReportsQueryValidator : AbstractValidator<ListReportsQuery>
{
    public ListReportsQueryValidator(ReportTargets targets)
    {
        RuleFor(x => x.Status).Must(s => ReportNames.TryParseStatus(s, out _)).When(x => x.Status is not null)
            .WithMessage($"status must be one of: {string.Join(", ", ReportNames.Statuses)}.");
        RuleFor(x => x.Reason).Must(r => ReportNames.TryParseReason(r, out _)).When(x => x.Reason is not null)
            .WithMessage($"reason must be one of: {string.Join(", ", ReportNames.Reasons)}.");
        RuleFor(x => x.TargetType).Must(targets.IsKnown).When(x => x.TargetType is not null)
            .WithMessage(_ => $"target_type must be one of: {string.Join(", ", targets.Names.Order())}.");
    }
}

public sealed class ListReportsQueryHandler(IReportReadModel readModel) : IRequestHandler<ListReportsQuery, PagedResult<ReportDto>>
{
    public Task<PagedResult<ReportDto>> Handle(ListReportsQuery request, CancellationToken cancellationToken)
    {
        ReportStatus? status = ReportNames.TryParseStatus(request.Status, out var s) ? s : null;
        ReportReason? reason = ReportNames.TryParseReason(request.Reason, out var r) ? r : null;
        return readModel.ListAsync(new ReportFilter(status, request.TargetType, reason), request.Paging, cancellationToken);
    }
}
