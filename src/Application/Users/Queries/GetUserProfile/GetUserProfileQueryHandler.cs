using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Queries.GetUserProfile;

public sealed class GetUserProfileQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<GetUserProfileQuery, UserProfileDto>
{
    public async Task<UserProfileDto> Handle(GetUserProfileQuery request, CancellationToken cancellationToken)
    {
        var data = await directory.FindProfileAsync(request.UserId, caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("No such user.");
        return ProfileView.For(data, caller.UserId!.Value, caller.Role);
    }
}
