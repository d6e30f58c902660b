using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Reports.Commands.FileReport;

/// <summary>Reports a user or a piece of content to the moderators; one open report per reporter and target.</summary>
[Authorize]
public sealed record FileReportCommand(string TargetType, Guid TargetId, string Reason, [MultilineText] string? Details = null) : ICommand<ReportDto>;
