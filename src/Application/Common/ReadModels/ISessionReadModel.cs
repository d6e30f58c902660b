using Veza.Application.Auth;
using Veza.Application.Common.Models;

namespace Veza.Application.Common.ReadModels;

public interface ISessionReadModel
{
    /// <summary>
    /// The user's sessions that can still be used at <paramref name="now"/> (not revoked, within their
    /// absolute lifetime, with an unspent refresh token not yet expired), most recently used first.
    /// </summary>
    Task<PagedResult<SessionRow>> ListUsableAsync(Guid userId, DateTimeOffset now, PageRequest paging, CancellationToken cancellationToken);
}
