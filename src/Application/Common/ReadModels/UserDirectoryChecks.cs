using Veza.Application.Common.Exceptions;

namespace Veza.Application.Common.ReadModels;

public static class UserDirectoryChecks
{
    /// <summary>404 unless the user exists and is not deleted: the one answer for a user id that names nobody.</summary>
    public static async Task EnsureExistsAsync(this IUserDirectory directory, Guid userId, CancellationToken cancellationToken)
    {
        if (!await directory.ExistsAsync(userId, cancellationToken))
        {
            throw new NotFoundException("No such user.");
        }
    }
}
