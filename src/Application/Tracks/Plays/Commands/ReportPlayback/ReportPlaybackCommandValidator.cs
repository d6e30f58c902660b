using FluentValidation;
using Veza.Domain.Plays;

namespace Veza.Application.Tracks.Plays.Commands.ReportPlayback;

public sealed class ReportPlaybackCommandValidator : AbstractValidator<ReportPlaybackCommand>
{
    public ReportPlaybackCommandValidator()
    {
        RuleFor(c => c.Seconds)
            .Must(s => double.IsFinite(s) && s >= 0 && s <= PlayRules.MaxReportedSeconds)
            .WithMessage($"Seconds played, from 0 to {PlayRules.MaxReportedSeconds:0}.");
    }
}
