using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;

namespace Veza.Application.Social.Queries.ListFollowing;

public sealed class ListFollowingQueryHandler(IUserDirectory directory) : IRequestHandler<ListFollowingQuery, PagedResult<UserSummaryDto>>
{
    public async Task<PagedResult<UserSummaryDto>> Handle(ListFollowingQuery request, CancellationToken cancellationToken)
    {
        await directory.EnsureExistsAsync(request.UserId, cancellationToken);
        return await directory.ListFollowingAsync(request.UserId, request.Paging, cancellationToken);
    }
}
