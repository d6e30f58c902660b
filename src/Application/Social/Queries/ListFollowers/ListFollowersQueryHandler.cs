using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Social.Queries.ListFollowers;

public sealed class ListFollowersQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<ListFollowersQuery, PagedResult<UserSummaryDto>>
{
    public async Task<PagedResult<UserSummaryDto>> Handle(ListFollowersQuery request, CancellationToken cancellationToken)
    {
        await ProfileListAccess.EnsureVisibleAsync(directory, request.UserId, caller, cancellationToken);
        return await directory.ListFollowersAsync(request.UserId, request.Paging, cancellationToken);
    }
}
