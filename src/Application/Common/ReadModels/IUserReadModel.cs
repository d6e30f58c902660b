using Veza.Application.Users;

namespace Veza.Application.Common.ReadModels;

/// <summary>Read side for users: projects rows straight into DTOs, never loading entities.</summary>
public interface IUserReadModel
{
    Task<UserDto?> FindByIdAsync(Guid userId, CancellationToken cancellationToken);
}
