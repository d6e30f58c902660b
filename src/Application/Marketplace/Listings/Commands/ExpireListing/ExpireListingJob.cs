using MediatR;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Messaging;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.ExpireListing;

/// <summary>Due when a listing's time on the market is up (enqueued each time it is published); stored, so it survives restarts.</summary>
public sealed record ExpireListingJob(Guid ListingId) : IJob
{
    public string Kind => "marketplace.expire_listing";
}

public sealed class ExpireListingJobHandler(IMediator mediator) : IJobHandler<ExpireListingJob>
{
    public Task Handle(ExpireListingJob job, CancellationToken cancellationToken) => mediator.Send(new ExpireListingCommand(job.ListingId), cancellationToken);
}

/// <summary>Archives the listing if it is still active and its time is up (a renewal since, a sale or a reservation leaves it); run again, it changes nothing.</summary>
public sealed record ExpireListingCommand(Guid ListingId) : ICommand<bool>;

public sealed class ExpireListingCommandHandler(IListingRepository listings, IClock clock) : IRequestHandler<ExpireListingCommand, bool>
{
    public async Task<bool> Handle(ExpireListingCommand request, CancellationToken cancellationToken) =>
        await listings.GetAsync(request.ListingId, cancellationToken) is { } listing && listing.Expire(clock.UtcNow);
}
