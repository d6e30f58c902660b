using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Social.Queries.ListFollowing;

public sealed class ListFollowingQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<ListFollowingQuery, PagedResult<UserSummaryDto>>
{
    public async Task<PagedResult<UserSummaryDto>> Handle(ListFollowingQuery request, CancellationToken cancellationToken)
    {
        await ProfileListAccess.EnsureVisibleAsync(directory, request.UserId, caller, cancellationToken);
        return await directory.ListFollowingAsync(request.UserId, request.Paging, cancellationToken);
    }
}
