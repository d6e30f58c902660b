using Veza.Domain.Common;

namespace Veza.Domain.Reports;

/// <summary>A report was filed (moderation queues and notifications may follow it).</summary>
public sealed record ReportFiled(Guid ReportId, string TargetType, Guid TargetId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "reports.filed";
}

/// <summary>A moderator closed a report with <see cref="Action"/> (dismiss, hide_content, suspend_user).</summary>
public sealed record ReportResolved(Guid ReportId, string TargetType, Guid TargetId, string Action, Guid ModeratorId, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "reports.resolved";
}
