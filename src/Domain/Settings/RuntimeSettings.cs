using Veza.Domain.Users;

namespace Veza.Domain.Settings;

/// <summary>
/// Settings an admin changes while the platform runs, shared by every node (kept in PostgreSQL).
/// When nothing was ever saved, <see cref="Defaults"/> apply.
/// </summary>
public sealed record RuntimeSettings(
    bool RegistrationOpen,
    long FreeUploadQuotaBytes,
    long ProUploadQuotaBytes,
    long MaxUploadBytes,
    bool MaintenanceMode,
    bool RequireVerifiedEmail = false,
    bool RequireMfaForAdmins = false,
    DateTimeOffset? UpdatedAt = null,
    Guid? UpdatedBy = null)
{
    public const long GiB = 1024L * 1024 * 1024;
    public const long MiB = 1024L * 1024;

    /// <summary>Upper bound for any byte setting (1 PiB): beyond it a value is a typo.</summary>
    public const long MaxBytes = 1024L * 1024 * GiB;

    public static readonly RuntimeSettings Defaults = new(
        RegistrationOpen: true,
        FreeUploadQuotaBytes: 1 * GiB,
        ProUploadQuotaBytes: 50 * GiB,
        MaxUploadBytes: 200 * MiB,
        MaintenanceMode: false);

    /// <summary>How many bytes of uploads a user on this plan may store in all.</summary>
    public long UploadQuotaFor(Plan plan) => plan switch
    {
        Plan.Free => FreeUploadQuotaBytes,
        Plan.Pro => ProUploadQuotaBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, null),
    };
}

/// <summary>The settings to change; null leaves a setting as it is.</summary>
public sealed record RuntimeSettingsChanges(
    bool? RegistrationOpen = null,
    long? FreeUploadQuotaBytes = null,
    long? ProUploadQuotaBytes = null,
    long? MaxUploadBytes = null,
    bool? MaintenanceMode = null,
    bool? RequireVerifiedEmail = null,
    bool? RequireMfaForAdmins = null)
{
    public bool IsEmpty => this == new RuntimeSettingsChanges();
}
