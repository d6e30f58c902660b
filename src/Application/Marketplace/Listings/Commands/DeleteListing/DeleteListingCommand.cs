using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Storage;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.DeleteListing;

/// <summary>
/// The seller (or an admin) takes a listing down: removed with its pictures when no offer ever named it,
/// archived otherwise (the offers' history keeps pointing at it; waiting offers are closed). A reserved or sold
/// listing is 422: a transaction depends on it.
/// </summary>
[Authorize]
public sealed record DeleteListingCommand(Guid ListingId) : ICommand<ListingDeletedDto>;

public sealed class DeleteListingCommandHandler(IListingRepository listings, IJobScheduler jobs, IClock clock, ICurrentUser caller)
    : IRequestHandler<DeleteListingCommand, ListingDeletedDto>
{
    public async Task<ListingDeletedDto> Handle(DeleteListingCommand request, CancellationToken cancellationToken)
    {
        var listing = await listings.LoadForSellerAsync(request.ListingId, caller, adminMayChange: true, cancellationToken);
        var now = clock.UtcNow;
        if (listing.Status == ListingStatus.Archived)
        {
            return new ListingDeletedDto(listing.Id, Deleted: false, Archived: true);
        }

        if (listing.IsDeletable(await listings.HasOffersAsync(listing.Id, cancellationToken)))
        {
            var keys = listing.Images.SelectMany(i => ListingImageRules.StorageKeys(listing.Id, i.Id)).ToList();
            listing.Delete(now);
            listings.Remove(listing);
            if (keys.Count > 0)
            {
                jobs.Enqueue(new DeleteStoredFilesJob(keys));
            }

            return new ListingDeletedDto(listing.Id, Deleted: true, Archived: false);
        }

        if (!listing.Archive(now))
        {
            throw ListingCommandAccess.NotInState(listing, "A reserved or sold listing stays: a transaction depends on it (cancel the transaction first).");
        }

        return new ListingDeletedDto(listing.Id, Deleted: false, Archived: true);
    }
}
