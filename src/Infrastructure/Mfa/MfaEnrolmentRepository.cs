using Microsoft.EntityFrameworkCore;
using Veza.Domain.Mfa;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Mfa;

internal sealed class MfaEnrolmentRepository(VezaDbContext db) : IMfaEnrolmentRepository
{
    public async Task<MfaEnrolment?> HoldAsync(Guid userId, CancellationToken cancellationToken)
    {
        // The row lock first, then the read: a concurrent check of the same account waits here and then
        // sees the step or recovery code the first one spent (read committed reads the latest commit).
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM mfa_enrolments WHERE user_id = {userId} FOR UPDATE", cancellationToken);
        return await db.Set<MfaEnrolment>().FirstOrDefaultAsync(e => e.Id == userId, cancellationToken);
    }

    public Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<MfaEnrolment>().AnyAsync(e => e.Id == userId && e.EnabledAt != null, cancellationToken);

    public async Task<MfaStatus?> GetStatusAsync(Guid userId, CancellationToken cancellationToken)
    {
        var row = await db.Set<MfaEnrolment>().AsNoTracking()
            .Where(e => e.Id == userId)
            .Select(e => new { e.EnabledAt, Left = EF.Property<string[]>(e, "_recoveryCodeHashes").Length })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new MfaStatus(row.EnabledAt is not null, row.EnabledAt, row.Left);
    }

    public void Add(MfaEnrolment enrolment) => db.Set<MfaEnrolment>().Add(enrolment);

    public void Remove(MfaEnrolment enrolment) => db.Set<MfaEnrolment>().Remove(enrolment);
}
