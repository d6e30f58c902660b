using Microsoft.EntityFrameworkCore;
using Veza.Application.Auth;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Sessions;

internal sealed class SessionReadModel(VezaDbContext db) : ISessionReadModel
{
    public async Task<PagedResult<SessionRow>> ListUsableAsync(Guid userId, DateTimeOffset now, PageRequest paging, CancellationToken cancellationToken)
    {
        // A session is usable while its newest refresh token (the only unspent one: each rotation spends
        // the presented token) is unexpired and the session is not revoked; that token's expiry, already
        // capped by the absolute lifetime, is when the session ends if left unused.
        var usable =
            from s in db.Sessions.AsNoTracking()
            join t in db.RefreshTokens.AsNoTracking() on s.Id equals t.SessionId
            where s.UserId == userId && s.RevokedAt == null && t.SpentAt == null && t.ExpiresAt > now
            orderby s.LastRefreshedAt descending, s.Id descending
            select new SessionRow(s.Id, s.UserAgent, s.IpAddress, s.CreatedAt, s.LastRefreshedAt, t.ExpiresAt);

        // One DbContext runs one command at a time: the count first, then the page.
        var total = await usable.CountAsync(cancellationToken);
        var rows = await usable.Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        return new PagedResult<SessionRow>(rows, paging.Page, paging.Limit, total);
    }
}
