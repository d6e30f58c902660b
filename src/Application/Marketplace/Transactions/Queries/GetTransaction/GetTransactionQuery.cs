using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions.Queries.GetTransaction;

/// <summary>A transaction for its parties and admins; 404 for anyone else.</summary>
[Authorize]
public sealed record GetTransactionQuery(Guid TransactionId) : IQuery<TransactionDto>;

public sealed class GetTransactionQueryHandler(IMarketReadModel readModel, ICurrentUser caller) : IRequestHandler<GetTransactionQuery, TransactionDto>
{
    public async Task<TransactionDto> Handle(GetTransactionQuery request, CancellationToken cancellationToken)
    {
        var transaction = await readModel.FindTransactionAsync(request.TransactionId, cancellationToken);
        return transaction is not null && (caller.IsAdmin() || transaction.Buyer.Id == caller.UserId || transaction.Seller.Id == caller.UserId)
            ? transaction
            : throw new NotFoundException("No transaction with this id.");
    }
}
