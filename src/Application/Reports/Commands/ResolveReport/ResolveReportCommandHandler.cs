using MediatR;
using Veza.Application.Admin;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Reports;
using Veza.Domain.Users;

namespace Veza.Application.Reports.Commands.ResolveReport;

public sealed class ResolveReportCommandHandler(
    IReportRepository reports, ReportTargets targets, IUserRepository users, AccountModeration moderation, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<ResolveReportCommand, ReportDto>
{
    public async Task<ReportDto> Handle(ResolveReportCommand request, CancellationToken cancellationToken)
    {
        var actor = Actor.From(caller);
        var report = await reports.GetByIdAsync(request.ReportId, cancellationToken) ?? throw new NotFoundException("No report with this id.");
        if (!report.IsOpen)
        {
            throw AlreadyResolved(report);
        }

        if (!ReportNames.TryParseAction(request.Action, out var action))
        {
            throw new InvalidOperationException("The validator lets only known actions through.");
        }

        var target = targets.Get(report.TargetType);
        switch (action)
        {
            case ReportAction.HideContent:
                if (!await target.HideAsync(report.TargetId, HiddenReason(report, request.Note), cancellationToken))
                {
                    throw new DomainException($"A {report.TargetType} has no content to hide: dismiss the report or suspend the user.");
                }

                break;
            case ReportAction.SuspendUser:
                var ownerId = await target.FindOwnerAsync(report.TargetId, cancellationToken)
                    ?? throw new NotFoundException($"The reported {report.TargetType} no longer exists.");
                var owner = await users.GetByIdAsync(ownerId, cancellationToken) ?? throw new NotFoundException("The reported user no longer exists.");
                var reason = string.IsNullOrWhiteSpace(request.Note) ? $"Report {report.Id}: {report.Reason.ToName()}" : request.Note.Trim();
                // A ban or a longer suspension already covers it: never shorten it from a report.
                if (!owner.IsRestrictedAtLeastUntil(request.Until, clock.UtcNow))
                {
                    await moderation.ChangeStatusAsync(actor, owner, AccountStatus.Suspended, reason, request.Until, cancellationToken);
                }

                break;
        }

        if (report.Resolve(action, actor.UserId, request.Note, clock.UtcNow) == ResolveOutcome.AlreadyResolved)
        {
            throw AlreadyResolved(report);
        }

        audit.Record(AuditActions.ReportResolve, AuditOutcomes.Success, actor.UserId, $"{action.ToName()} {report.TargetType}:{report.TargetId}", AuditTargets.Report(report.Id));
        return ReportDto.From(report);
    }

    /// <summary>What the content's owner reads: the reason reported and the moderator's note, if any.</summary>
    private static string HiddenReason(Report report, string? note) =>
        string.IsNullOrWhiteSpace(note) ? $"Hidden after a report ({report.Reason.ToName()})." : $"Hidden after a report ({report.Reason.ToName()}): {note.Trim()}";

    private static ConflictException AlreadyResolved(Report report) =>
        new($"This report is already {report.Status.ToName()}.");
}
