using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Playlists;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.WatchListing;

/// <summary>Adds a listing the caller may see to their watchlist (price drops and its sale are pushed to them); idempotent.</summary>
[Authorize]
public sealed record WatchListingCommand(Guid ListingId) : ICommand<Unit>;

public sealed class WatchListingCommandHandler(IListingRepository listings, IListingWatchStore watches, IClock clock, ICurrentUser caller)
    : IRequestHandler<WatchListingCommand, Unit>
{
    public async Task<Unit> Handle(WatchListingCommand request, CancellationToken cancellationToken)
    {
        var listing = await listings.GetAsync(request.ListingId, cancellationToken);
        if (listing is null || !listing.IsVisibleTo(caller.UserId, caller.IsAdmin()))
        {
            throw new NotFoundException("No listing with this id.");
        }

        await watches.AddAsync(caller.UserId!.Value, listing.Id, clock.UtcNow, cancellationToken);
        return Unit.Value;
    }
}
