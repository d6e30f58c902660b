using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.UnwatchListing;

/// <summary>Takes a listing off the caller's watchlist; idempotent (nothing to remove is not an error).</summary>
[Authorize]
public sealed record UnwatchListingCommand(Guid ListingId) : ICommand<Unit>;

public sealed class UnwatchListingCommandHandler(IListingWatchStore watches, ICurrentUser caller) : IRequestHandler<UnwatchListingCommand, Unit>
{
    public async Task<Unit> Handle(UnwatchListingCommand request, CancellationToken cancellationToken)
    {
        await watches.RemoveAsync(caller.UserId!.Value, request.ListingId, cancellationToken);
        return Unit.Value;
    }
}
