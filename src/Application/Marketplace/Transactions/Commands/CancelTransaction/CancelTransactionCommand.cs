using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions.Commands.CancelTransaction;

/// <summary>
/// One party asks to call the transaction off; when both have asked it is cancelled and its listings go back on
/// the market. Asking twice changes nothing. Complete or cancelled already: 422.
/// </summary>
[Authorize]
public sealed record CancelTransactionCommand(Guid TransactionId) : ICommand<TransactionDto>;

public sealed class CancelTransactionCommandHandler(
    IMarketTransactionRepository transactions, IListingRepository listings, IMarketReadModel readModel, IUnitOfWork unitOfWork, MarketSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<CancelTransactionCommand, TransactionDto>
{
    public async Task<TransactionDto> Handle(CancelTransactionCommand request, CancellationToken cancellationToken)
    {
        var (transaction, party) = await transactions.LoadForPartyAsync(request.TransactionId, caller, cancellationToken);
        var now = clock.UtcNow;
        switch (transaction.RequestCancel(party, now))
        {
            case CancelOutcome.WrongState:
                throw TransactionCommandAccess.WrongState(transaction);
            case CancelOutcome.Cancelled:
                await listings.SettleListingsAsync(transaction, settings, now, cancellationToken);
                break;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindTransactionAsync(transaction.Id, cancellationToken))!;
    }
}
