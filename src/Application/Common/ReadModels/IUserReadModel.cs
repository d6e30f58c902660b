using Veza.Application.Users;

namespace Veza.Application.Common.ReadModels;

/// <summary>Read side for users: projects rows straight into DTOs, never loading entities.</summary>
public interface IUserReadModel
{
    Task<UserDto?> FindByIdAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the account may act now: it exists (and, once accounts can be suspended, is not).
    /// Asked on every authenticated request, so an access token dies with its account, however the
    /// account went (even by hand in SQL).
    /// </summary>
    Task<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken);
}
