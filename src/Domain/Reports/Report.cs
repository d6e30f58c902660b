using Veza.Domain.Common;

namespace Veza.Domain.Reports;

/// <summary>
/// Someone's report about a piece of content or an account. Open until a moderator resolves it, once:
/// dismissed (nothing wrong) or resolved (the content hidden, or its owner suspended).
/// The target is named by type (<see cref="IReportTargetType.Name"/>) and id, so any feature's content can be reported.
/// </summary>
public sealed class Report : Entity
{
    public const int DetailsMaxLength = 2000;
    public const int NoteMaxLength = 2000;

    private Report()
    {
        TargetType = string.Empty;
    }

    public Guid ReporterId { get; private set; }
    public string TargetType { get; private set; }
    public Guid TargetId { get; private set; }
    public ReportReason Reason { get; private set; }
    public string? Details { get; private set; }
    public ReportStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public ReportAction? Resolution { get; private set; }
    public string? ResolutionNote { get; private set; }

    public bool IsOpen => Status == ReportStatus.Open;

    /// <param name="targetOwnerId">Who owns the target (for a user, the user): nobody reports their own content or themselves.</param>
    public static Report File(Guid reporterId, string targetType, Guid targetId, Guid targetOwnerId, ReportReason reason, string? details, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetType);
        if (targetOwnerId == reporterId)
        {
            throw new DomainException("You cannot report yourself or your own content.");
        }

        var text = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        if (text is { Length: > DetailsMaxLength })
        {
            throw new DomainException($"Details must be at most {DetailsMaxLength} characters.");
        }

        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            ReporterId = reporterId,
            TargetType = targetType,
            TargetId = targetId,
            Reason = reason,
            Details = text,
            Status = ReportStatus.Open,
            CreatedAt = now,
        };
        report.Raise(new ReportFiled(report.Id, targetType, targetId, reason.ToName(), now));
        return report;
    }

    /// <summary>
    /// Closes the report with the moderator's decision. The action itself (hiding, suspending) is the
    /// use case's part; this records it, once: a second resolution is refused, never overwrites the first.
    /// </summary>
    public ResolveOutcome Resolve(ReportAction action, Guid moderatorId, string? note, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return ResolveOutcome.AlreadyResolved;
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > NoteMaxLength })
        {
            throw new DomainException($"The note must be at most {NoteMaxLength} characters.");
        }

        Status = action == ReportAction.Dismiss ? ReportStatus.Dismissed : ReportStatus.Resolved;
        Resolution = action;
        ResolutionNote = text;
        ResolvedBy = moderatorId;
        ResolvedAt = now;
        Raise(new ReportResolved(Id, TargetType, TargetId, action.ToName(), moderatorId, now));
        return ResolveOutcome.Resolved;
    }
}

public enum ResolveOutcome
{
    Resolved,

    /// <summary>The report was already closed; nothing changed (409 CONFLICT).</summary>
    AlreadyResolved,
}
