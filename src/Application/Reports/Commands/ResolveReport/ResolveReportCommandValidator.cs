using FluentValidation;
using Veza.Domain.Reports;

namespace Veza.Application.Reports.Commands.ResolveReport;

public sealed class ResolveReportCommandValidator : AbstractValidator<ResolveReportCommand>
{
    public ResolveReportCommandValidator()
    {
        RuleFor(x => x.Action).NotEmpty().WithMessage("action is required.")
            .Must(a => ReportNames.TryParseAction(a, out _)).WithMessage($"action must be one of: {string.Join(", ", ReportNames.Actions)}.");
        RuleFor(x => x.Note).MaximumLength(Report.NoteMaxLength).WithMessage($"note must be at most {Report.NoteMaxLength} characters.");
        RuleFor(x => x.Until).Null().When(x => x.Action != "suspend_user").WithMessage("until applies only to suspend_user.");
    }
}
