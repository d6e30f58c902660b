using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Reports.Commands.ResolveReport;

/// <summary>
/// Closes an open report: dismiss, hide_content (the target hides itself) or suspend_user (the
/// target's owner is suspended, until <paramref name="Until"/> when given). A closed report answers 409.
/// </summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record ResolveReportCommand(Guid ReportId, string Action, [MultilineText] string? Note = null, DateTimeOffset? Until = null) : ICommand<ReportDto>;
