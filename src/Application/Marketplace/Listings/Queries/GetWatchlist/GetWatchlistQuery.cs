using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Queries.GetWatchlist;

/// <summary>The listings the caller watches, most recently watched first (ones hidden or made drafts since drop out).</summary>
[Authorize]
public sealed record GetWatchlistQuery(PageRequest Paging) : IQuery<PagedResult<ListingDto>>, IPagedQuery;

public sealed class GetWatchlistQueryHandler(IMarketReadModel readModel, ICurrentUser caller) : IRequestHandler<GetWatchlistQuery, PagedResult<ListingDto>>
{
    public Task<PagedResult<ListingDto>> Handle(GetWatchlistQuery request, CancellationToken cancellationToken) =>
        readModel.WatchlistAsync(caller.UserId!.Value, request.Paging, cancellationToken);
}
