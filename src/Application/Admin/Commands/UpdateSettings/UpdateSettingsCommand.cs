using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Admin.Commands.UpdateSettings;

/// <summary>Changes the runtime settings given (null leaves one as it is); every node sees them on its next request.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record UpdateSettingsCommand(
    bool? RegistrationOpen = null, UploadQuotaBytesInput? UploadQuotaBytes = null, long? MaxUploadBytes = null, bool? MaintenanceMode = null,
    bool? RequireVerifiedEmail = null, bool? RequireMfaForAdmins = null)
    : ICommand<RuntimeSettingsDto>;

/// <summary>Upload quota per plan, in bytes.</summary>
public sealed record UploadQuotaBytesInput(long? Free = null, long? Pro = null);
