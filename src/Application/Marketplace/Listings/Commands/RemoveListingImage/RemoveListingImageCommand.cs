using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Storage;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.RemoveListingImage;

/// <summary>Removes a picture from the seller's listing; the ones after it move up. Its files are deleted once this commits.</summary>
[Authorize]
public sealed record RemoveListingImageCommand(Guid ListingId, Guid ImageId) : ICommand<IReadOnlyList<ListingImageDto>>;

public sealed class RemoveListingImageCommandHandler(IListingRepository listings, IJobScheduler jobs, IClock clock, ICurrentUser caller)
    : IRequestHandler<RemoveListingImageCommand, IReadOnlyList<ListingImageDto>>
{
    public async Task<IReadOnlyList<ListingImageDto>> Handle(RemoveListingImageCommand request, CancellationToken cancellationToken)
    {
        var listing = await listings.LoadForSellerAsync(request.ListingId, caller, adminMayChange: false, cancellationToken);
        switch (listing.RemoveImage(request.ImageId, clock.UtcNow))
        {
            case RemoveImageOutcome.NotFound:
                throw new NotFoundException("The listing has no picture with this id.");
            case RemoveImageOutcome.Final:
                throw ListingCommandAccess.NotInState(listing, "A sold or archived listing cannot change.");
        }

        jobs.Enqueue(new DeleteStoredFilesJob(ListingImageRules.StorageKeys(listing.Id, request.ImageId)));
        return [.. listing.Images.Select(i => ListingImageDto.From(listing.Id, i))];
    }
}
