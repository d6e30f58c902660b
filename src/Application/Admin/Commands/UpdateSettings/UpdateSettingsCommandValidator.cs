using FluentValidation;
using Veza.Domain.Settings;

namespace Veza.Application.Admin.Commands.UpdateSettings;

public sealed class UpdateSettingsCommandValidator : AbstractValidator<UpdateSettingsCommand>
{
    public UpdateSettingsCommandValidator()
    {
        RuleFor(x => x.UploadQuotaBytes!.Free).InclusiveBetween(0, RuntimeSettings.MaxBytes).When(x => x.UploadQuotaBytes?.Free is not null)
            .OverridePropertyName("upload_quota_bytes.free").WithMessage($"upload_quota_bytes.free is 0 to {RuntimeSettings.MaxBytes} bytes.");
        RuleFor(x => x.UploadQuotaBytes!.Pro).InclusiveBetween(0, RuntimeSettings.MaxBytes).When(x => x.UploadQuotaBytes?.Pro is not null)
            .OverridePropertyName("upload_quota_bytes.pro").WithMessage($"upload_quota_bytes.pro is 0 to {RuntimeSettings.MaxBytes} bytes.");
        RuleFor(x => x.MaxUploadBytes).InclusiveBetween(1, RuntimeSettings.MaxBytes).When(x => x.MaxUploadBytes is not null)
            .WithMessage($"max_upload_bytes is 1 to {RuntimeSettings.MaxBytes} bytes.");
    }
}
