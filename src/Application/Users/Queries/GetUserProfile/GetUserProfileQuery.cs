using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Queries.GetUserProfile;

/// <summary>A user's profile as the caller may see it (<see cref="ProfileView"/>).</summary>
[Authorize]
public sealed record GetUserProfileQuery(Guid UserId) : IQuery<UserProfileDto>;
