using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;

namespace Veza.Application.Social.Queries.ListFollowers;

public sealed class ListFollowersQueryHandler(IUserDirectory directory) : IRequestHandler<ListFollowersQuery, PagedResult<UserSummaryDto>>
{
    public async Task<PagedResult<UserSummaryDto>> Handle(ListFollowersQuery request, CancellationToken cancellationToken)
    {
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);
        return await directory.ListFollowersAsync(request.UserId, request.Paging, cancellationToken);
    }
}
