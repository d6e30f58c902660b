using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;

namespace Veza.Application.Marketplace.Transactions.Queries.ListUserRatings;

/// <summary>What the people a user traded with said about them, newest first, with the average; public.</summary>
public sealed record ListUserRatingsQuery(Guid UserId, PageRequest Paging) : IQuery<UserRatingsDto>, IPagedQuery;

public sealed class ListUserRatingsQueryHandler(IMarketReadModel readModel, IUserDirectory directory) : IRequestHandler<ListUserRatingsQuery, UserRatingsDto>
{
    public async Task<UserRatingsDto> Handle(ListUserRatingsQuery request, CancellationToken cancellationToken) =>
        await directory.ExistsAsync(request.UserId, cancellationToken)
            ? await readModel.RatingsOfAsync(request.UserId, request.Paging, cancellationToken)
            : throw new NotFoundException("No user with this id.");
}
