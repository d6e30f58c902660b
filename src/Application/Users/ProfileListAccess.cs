using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users;

/// <summary>
/// Who may open the lists that hang off a profile (followers, following, tracks, likes, playlists): whoever
/// sees the whole profile (<see cref="ProfileView.SeesAll"/>). A private profile, or one whose owner blocks
/// the caller, keeps its lists to itself; its public tracks stay playable by id and in the catalogue.
/// </summary>
public static class ProfileListAccess
{
    /// <summary>404 for a user id naming nobody (or a deleted account); 403 when the profile is not the caller's to see.</summary>
    public static async Task EnsureVisibleAsync(IUserDirectory directory, Guid userId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        // An anonymous caller is nobody in particular: not the owner, blocked by no one.
        var viewerId = caller.UserId ?? Guid.Empty;
        var data = await directory.FindProfileAsync(userId, viewerId, cancellationToken);
        if (data is null || data.Status == AccountStatus.Deleted)
        {
            throw new NotFoundException("No such user.");
        }

        if (!ProfileView.SeesAll(data, viewerId, caller.Role))
        {
            throw new ForbiddenException("This user's profile is not visible to you.");
        }
    }
}
