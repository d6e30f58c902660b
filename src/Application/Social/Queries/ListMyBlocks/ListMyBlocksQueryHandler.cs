using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Social.Queries.ListMyBlocks;

public sealed class ListMyBlocksQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<ListMyBlocksQuery, PagedResult<UserSummaryDto>>
{
    public Task<PagedResult<UserSummaryDto>> Handle(ListMyBlocksQuery request, CancellationToken cancellationToken) =>
        directory.ListBlockedAsync(caller.UserId!.Value, request.Paging, cancellationToken);
}
