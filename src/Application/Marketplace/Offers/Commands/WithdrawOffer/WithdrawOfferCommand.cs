using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Commands.WithdrawOffer;

/// <summary>The buyer takes their open offer back, whoever's turn it is. The seller (or a final offer): 422.</summary>
[Authorize]
public sealed record WithdrawOfferCommand(Guid OfferId) : ICommand<OfferDetailDto>;

public sealed class WithdrawOfferCommandHandler(IOfferRepository offers, IMarketReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<WithdrawOfferCommand, OfferDetailDto>
{
    public async Task<OfferDetailDto> Handle(WithdrawOfferCommand request, CancellationToken cancellationToken)
    {
        var (offer, party) = await offers.LoadForPartyAsync(request.OfferId, caller, cancellationToken);
        offer.Withdraw(party, clock.UtcNow).EnsureDone(offer);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOfferAsync(offer.Id, cancellationToken))!;
    }
}
