using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions.Queries.ListTransactions;

/// <summary>The caller's transactions as buyer or seller, newest first.</summary>
[Authorize]
public sealed record ListTransactionsQuery(PageRequest Paging) : IQuery<PagedResult<TransactionDto>>, IPagedQuery;

public sealed class ListTransactionsQueryHandler(IMarketReadModel readModel, ICurrentUser caller) : IRequestHandler<ListTransactionsQuery, PagedResult<TransactionDto>>
{
    public Task<PagedResult<TransactionDto>> Handle(ListTransactionsQuery request, CancellationToken cancellationToken) =>
        readModel.ListTransactionsAsync(caller.UserId!.Value, request.Paging, cancellationToken);
}
