using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Commands.RejectOffer;

/// <summary>The party whose turn it is declines; the negotiation ends. Out of turn or final: 422.</summary>
[Authorize]
public sealed record RejectOfferCommand(Guid OfferId, [MultilineText] string? Message = null) : ICommand<OfferDetailDto>;

public sealed class RejectOfferCommandValidator : AbstractValidator<RejectOfferCommand>
{
    public RejectOfferCommandValidator() => RuleFor(c => c.Message).MaxText(MarketRules.MessageMaxLength, "message");
}

public sealed class RejectOfferCommandHandler(IOfferRepository offers, IMarketReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<RejectOfferCommand, OfferDetailDto>
{
    public async Task<OfferDetailDto> Handle(RejectOfferCommand request, CancellationToken cancellationToken)
    {
        var (offer, party) = await offers.LoadForPartyAsync(request.OfferId, caller, cancellationToken);
        offer.Reject(party, request.Message, clock.UtcNow).EnsureDone(offer);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOfferAsync(offer.Id, cancellationToken))!;
    }
}
