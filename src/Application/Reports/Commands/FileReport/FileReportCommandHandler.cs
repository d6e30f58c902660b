using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Reports;

namespace Veza.Application.Reports.Commands.FileReport;

public sealed class FileReportCommandHandler(IReportRepository reports, ReportTargets targets, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<FileReportCommand, ReportDto>
{
    public async Task<ReportDto> Handle(FileReportCommand request, CancellationToken cancellationToken)
    {
        var reporterId = caller.UserId!.Value;
        var owner = await targets.Get(request.TargetType).FindOwnerAsync(request.TargetId, cancellationToken)
            ?? throw new NotFoundException($"No {request.TargetType} with this id.");

        // Self-reports first: asking whether one has an open report on oneself is beside the point.
        if (!ReportNames.TryParseReason(request.Reason, out var reason))
        {
            throw new InvalidOperationException("The validator lets only known reasons through.");
        }

        var report = Report.File(reporterId, request.TargetType, request.TargetId, owner, reason, request.Details, clock.UtcNow);

        // The partial unique index (one open report per reporter and target) still decides a race (also 409).
        if (await reports.HasOpenReportAsync(reporterId, request.TargetType, request.TargetId, cancellationToken))
        {
            throw new ConflictException("You already have an open report on this target.", "target_id");
        }

        reports.Add(report);
        audit.Record(AuditActions.ReportFile, AuditOutcomes.Success, reporterId, $"{request.TargetType}:{request.TargetId} {reason.ToName()}", AuditTargets.Report(report.Id));
        return ReportDto.From(report);
    }
}
