using FluentValidation;
using Veza.Domain.Reports;

namespace Veza.Application.Reports.Commands.FileReport;

public sealed class FileReportCommandValidator : AbstractValidator<FileReportCommand>
{
    public FileReportCommandValidator(ReportTargets targets)
    {
        RuleFor(x => x.TargetType).NotEmpty().WithMessage("target_type is required.")
            .Must(targets.IsKnown).WithMessage(_ => $"target_type must be one of: {string.Join(", ", targets.Names.Order())}.");
        RuleFor(x => x.TargetId).NotEmpty().WithMessage("target_id is required.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("reason is required.")
            .Must(r => ReportNames.TryParseReason(r, out _)).WithMessage($"reason must be one of: {string.Join(", ", ReportNames.Reasons)}.");
        RuleFor(x => x.Details).MaximumLength(Report.DetailsMaxLength).WithMessage($"details must be at most {Report.DetailsMaxLength} characters.");
    }
}
