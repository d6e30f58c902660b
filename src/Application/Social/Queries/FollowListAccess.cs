using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Social.Queries;

/// <summary>Who may list a user's followers and following: whoever sees the whole profile (<see cref="ProfileView.SeesAll"/>).</summary>
internal static class FollowListAccess
{
    /// <summary>404 for a user id naming nobody (or a deleted account); 403 when the profile is not the caller's to see.</summary>
    public static async Task EnsureVisibleAsync(IUserDirectory directory, Guid userId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var viewerId = caller.UserId!.Value;
        var data = await directory.FindProfileAsync(userId, viewerId, cancellationToken);
        if (data is null || data.Status == AccountStatus.Deleted)
        {
            throw new NotFoundException("No such user.");
        }

        if (!ProfileView.SeesAll(data, viewerId, caller.Role))
        {
            throw new ForbiddenException("This user's followers and following are not visible to you.");
        }
    }
}
