using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions.Commands.MarkShipped;

/// <summary>The seller marks the transaction shipped (the buyer: 403; not open: 422).</summary>
[Authorize]
public sealed record MarkShippedCommand(Guid TransactionId) : ICommand<TransactionDto>;

public sealed class MarkShippedCommandHandler(IMarketTransactionRepository transactions, IMarketReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<MarkShippedCommand, TransactionDto>
{
    public async Task<TransactionDto> Handle(MarkShippedCommand request, CancellationToken cancellationToken)
    {
        var (transaction, party) = await transactions.LoadForPartyAsync(request.TransactionId, caller, cancellationToken);
        transaction.MarkShipped(party, clock.UtcNow).EnsureDone(transaction, "seller");
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindTransactionAsync(transaction.Id, cancellationToken))!;
    }
}
