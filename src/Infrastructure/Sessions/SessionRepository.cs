using Microsoft.EntityFrameworkCore;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Sessions;

internal sealed class SessionRepository(VezaDbContext db) : ISessionRepository
{
    public Task<Session?> FindByRefreshTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.Sessions
            .Include(s => s.Tokens)
            .Where(s => db.RefreshTokens.Any(t => t.SessionId == s.Id && t.TokenHash == tokenHash))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<Session?> FindByIdAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);

    public async Task<IReadOnlyList<Session>> ListActiveForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(cancellationToken);

    public Task<bool> StartedFromAddressSinceAsync(Guid userId, string ipAddress, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Sessions.AnyAsync(s => s.UserId == userId && s.IpAddress == ipAddress && s.CreatedAt > since, cancellationToken);

    public void Add(Session session) => db.Sessions.Add(session);
}
