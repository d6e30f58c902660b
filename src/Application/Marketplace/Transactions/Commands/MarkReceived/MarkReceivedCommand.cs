using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions.Commands.MarkReceived;

/// <summary>
/// The buyer has it: the transaction completes, and the listing (with any bartered listings) is sold. Shipped or
/// handed over in person, either way. The seller: 403; cancelled or complete: 422.
/// </summary>
[Authorize]
public sealed record MarkReceivedCommand(Guid TransactionId) : ICommand<TransactionDto>;

public sealed class MarkReceivedCommandHandler(
    IMarketTransactionRepository transactions, IListingRepository listings, IMarketReadModel readModel, IUnitOfWork unitOfWork, MarketSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<MarkReceivedCommand, TransactionDto>
{
    public async Task<TransactionDto> Handle(MarkReceivedCommand request, CancellationToken cancellationToken)
    {
        var (transaction, party) = await transactions.LoadForPartyAsync(request.TransactionId, caller, cancellationToken);
        var now = clock.UtcNow;
        transaction.MarkReceived(party, now).EnsureDone(transaction, "buyer");
        await listings.SettleListingsAsync(transaction, settings, now, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindTransactionAsync(transaction.Id, cancellationToken))!;
    }
}
