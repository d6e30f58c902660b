using MediatR;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Messaging;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Commands.ExpireOffer;

/// <summary>Due when an offer's answer is (enqueued with each move); stored with the move, so it survives restarts.</summary>
public sealed record ExpireOfferJob(Guid OfferId) : IJob
{
    public string Kind => "marketplace.expire_offer";
}

public sealed class ExpireOfferJobHandler(IMediator mediator) : IJobHandler<ExpireOfferJob>
{
    public Task Handle(ExpireOfferJob job, CancellationToken cancellationToken) => mediator.Send(new ExpireOfferCommand(job.OfferId), cancellationToken);
}

/// <summary>Expires the offer if it is still open and its deadline has passed (a later move moved it: nothing happens); run again, it changes nothing.</summary>
public sealed record ExpireOfferCommand(Guid OfferId) : ICommand<bool>;

public sealed class ExpireOfferCommandHandler(IOfferRepository offers, IClock clock) : IRequestHandler<ExpireOfferCommand, bool>
{
    public async Task<bool> Handle(ExpireOfferCommand request, CancellationToken cancellationToken) =>
        await offers.GetAsync(request.OfferId, cancellationToken) is { } offer && offer.Expire(clock.UtcNow);
}
