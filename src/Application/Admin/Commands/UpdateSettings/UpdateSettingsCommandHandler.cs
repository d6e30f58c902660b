using System.Globalization;
using MediatR;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Settings;

namespace Veza.Application.Admin.Commands.UpdateSettings;

public sealed class UpdateSettingsCommandHandler(IRuntimeSettings settings, IAuditTrail audit, ICurrentUser caller)
    : IRequestHandler<UpdateSettingsCommand, RuntimeSettingsDto>
{
    public async Task<RuntimeSettingsDto> Handle(UpdateSettingsCommand request, CancellationToken cancellationToken)
    {
        var changes = new RuntimeSettingsChanges(
            request.RegistrationOpen, request.UploadQuotaBytes?.Free, request.UploadQuotaBytes?.Pro, request.MaxUploadBytes, request.MaintenanceMode,
            request.RequireVerifiedEmail, request.RequireMfaForAdmins);
        if (changes.IsEmpty)
        {
            return RuntimeSettingsDto.From(await settings.GetAsync(cancellationToken));
        }

        var actorId = caller.UserId!.Value;
        var updated = await settings.UpdateAsync(changes, actorId, cancellationToken);
        audit.Record(AuditActions.SettingsChange, AuditOutcomes.Success, actorId, Describe(changes), AuditTargets.Settings);
        return RuntimeSettingsDto.From(updated);
    }

    private static string Describe(RuntimeSettingsChanges c) => string.Join(", ", new[]
    {
        c.RegistrationOpen is { } open ? $"registration_open={(open ? "true" : "false")}" : null,
        c.FreeUploadQuotaBytes is { } free ? $"upload_quota_bytes.free={free.ToString(CultureInfo.InvariantCulture)}" : null,
        c.ProUploadQuotaBytes is { } pro ? $"upload_quota_bytes.pro={pro.ToString(CultureInfo.InvariantCulture)}" : null,
        c.MaxUploadBytes is { } max ? $"max_upload_bytes={max.ToString(CultureInfo.InvariantCulture)}" : null,
        c.MaintenanceMode is { } maintenance ? $"maintenance_mode={(maintenance ? "true" : "false")}" : null,
        c.RequireVerifiedEmail is { } verified ? $"require_verified_email={(verified ? "true" : "false")}" : null,
        c.RequireMfaForAdmins is { } mfa ? $"require_mfa_for_admins={(mfa ? "true" : "false")}" : null,
    }.Where(s => s is not null));
}
