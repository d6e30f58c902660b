using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Veza.Domain.Ports;
using Veza.Domain.Settings;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Settings;

/// <summary>
/// The runtime settings row, read on every use (no cache): it is one primary-key lookup, asked only by
/// writes (the maintenance check), registration and the settings screen, and a change is then in force on
/// every node at once, with nothing to invalidate (docs/decisions/0011). Within one request (this is
/// scoped) it is read once: a registration asks both the maintenance check and the handler.
/// </summary>
internal sealed class RuntimeSettingsStore(VezaDbContext db, IClock clock) : IRuntimeSettings
{
    private RuntimeSettings? _read;

    private const string Columns = """
        registration_open AS "RegistrationOpen", free_upload_quota_bytes AS "FreeUploadQuotaBytes", pro_upload_quota_bytes AS "ProUploadQuotaBytes",
        max_upload_bytes AS "MaxUploadBytes", maintenance_mode AS "MaintenanceMode",
        require_verified_email AS "RequireVerifiedEmail", require_mfa_for_admins AS "RequireMfaForAdmins", updated_at AS "UpdatedAt", updated_by AS "UpdatedBy"
        """;

    public async Task<RuntimeSettings> GetAsync(CancellationToken cancellationToken)
    {
        if (_read is { } read)
        {
            return read;
        }

        // Opened first, so an unreachable database fails as a connection error (a 503 logged in one
        // line, as everywhere) rather than as a query iteration error with a stack trace: this runs in
        // front of every write, the register of an outage included.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var rows = await db.Database.SqlQueryRaw<Row>($"SELECT {Columns} FROM runtime_settings WHERE id = 1").ToListAsync(cancellationToken);
            return _read = rows.Count == 0 ? RuntimeSettings.Defaults : rows[0].ToSettings();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<RuntimeSettings> UpdateAsync(RuntimeSettingsChanges changes, Guid updatedBy, CancellationToken cancellationToken)
    {
        // One statement: the first save starts from the defaults, later ones change only the given columns,
        // so two admins changing different settings at once both keep their change.
        var defaults = RuntimeSettings.Defaults;
        var sql = $"""
            INSERT INTO runtime_settings AS s (id, registration_open, free_upload_quota_bytes, pro_upload_quota_bytes, max_upload_bytes, maintenance_mode, require_verified_email, require_mfa_for_admins, updated_at, updated_by)
            VALUES (1, COALESCE(@open, @d_open), COALESCE(@free, @d_free), COALESCE(@pro, @d_pro), COALESCE(@max, @d_max), COALESCE(@maintenance, @d_maintenance),
                    COALESCE(@verified, @d_verified), COALESCE(@mfa, @d_mfa), @now, @by)
            ON CONFLICT (id) DO UPDATE SET
                registration_open = COALESCE(@open, s.registration_open),
                free_upload_quota_bytes = COALESCE(@free, s.free_upload_quota_bytes),
                pro_upload_quota_bytes = COALESCE(@pro, s.pro_upload_quota_bytes),
                max_upload_bytes = COALESCE(@max, s.max_upload_bytes),
                maintenance_mode = COALESCE(@maintenance, s.maintenance_mode),
                require_verified_email = COALESCE(@verified, s.require_verified_email),
                require_mfa_for_admins = COALESCE(@mfa, s.require_mfa_for_admins),
                updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by
            RETURNING {Columns}
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(
                sql,
                Parameter("open", NpgsqlDbType.Boolean, changes.RegistrationOpen),
                Parameter("free", NpgsqlDbType.Bigint, changes.FreeUploadQuotaBytes),
                Parameter("pro", NpgsqlDbType.Bigint, changes.ProUploadQuotaBytes),
                Parameter("max", NpgsqlDbType.Bigint, changes.MaxUploadBytes),
                Parameter("maintenance", NpgsqlDbType.Boolean, changes.MaintenanceMode),
                Parameter("verified", NpgsqlDbType.Boolean, changes.RequireVerifiedEmail),
                Parameter("mfa", NpgsqlDbType.Boolean, changes.RequireMfaForAdmins),
                Parameter("d_open", NpgsqlDbType.Boolean, defaults.RegistrationOpen),
                Parameter("d_free", NpgsqlDbType.Bigint, defaults.FreeUploadQuotaBytes),
                Parameter("d_pro", NpgsqlDbType.Bigint, defaults.ProUploadQuotaBytes),
                Parameter("d_max", NpgsqlDbType.Bigint, defaults.MaxUploadBytes),
                Parameter("d_maintenance", NpgsqlDbType.Boolean, defaults.MaintenanceMode),
                Parameter("d_verified", NpgsqlDbType.Boolean, defaults.RequireVerifiedEmail),
                Parameter("d_mfa", NpgsqlDbType.Boolean, defaults.RequireMfaForAdmins),
                Parameter("now", NpgsqlDbType.TimestampTz, clock.UtcNow),
                Parameter("by", NpgsqlDbType.Uuid, updatedBy))
            .ToListAsync(cancellationToken);
        return _read = rows.Single().ToSettings();
    }

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    private sealed record Row(
        bool RegistrationOpen, long FreeUploadQuotaBytes, long ProUploadQuotaBytes, long MaxUploadBytes, bool MaintenanceMode,
        bool RequireVerifiedEmail, bool RequireMfaForAdmins, DateTimeOffset UpdatedAt, Guid? UpdatedBy)
    {
        public RuntimeSettings ToSettings() => new(RegistrationOpen, FreeUploadQuotaBytes, ProUploadQuotaBytes, MaxUploadBytes, MaintenanceMode, RequireVerifiedEmail, RequireMfaForAdmins, UpdatedAt, UpdatedBy);
    }
}
