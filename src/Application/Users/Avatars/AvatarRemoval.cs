using Veza.Application.Common.Caching;
using Veza.Application.Common.Storage;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars;

/// <summary>Takes a user's avatar away: the row now, the files by a job once that has committed. Shared by the user's own removal and account deletion.</summary>
public sealed class AvatarRemoval(IUserAvatarRepository avatars, IJobScheduler jobs, CacheInvalidation invalidation)
{
    /// <returns>The version removed, or null when the user had no avatar.</returns>
    public async Task<Guid?> RemoveAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await avatars.GetAsync(userId, cancellationToken) is not { } avatar)
        {
            return null;
        }

        avatars.Remove(avatar);
        invalidation.Profiles(userId);
        jobs.Enqueue(new DeleteStoredFilesJob(AvatarRules.StorageKeys(userId, avatar.Version)));
        return avatar.Version;
    }
}
