using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Storage;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Commands.AddListingImage;

/// <summary>
/// Adds a picture to the seller's listing: PNG, JPEG or WebP by its bytes, at most 10 MB, at most 8 per listing;
/// re-encoded as WebP (whole, at two sizes) with every piece of metadata dropped, like avatars.
/// </summary>
/// <param name="Content">Readable and seekable (the HTTP layer passes the form file's buffered stream).</param>
[Authorize]
public sealed record AddListingImageCommand(Guid ListingId, Stream Content, long Length) : ICommand<ListingImageDto>, IRequiresVerifiedEmail;

public sealed class AddListingImageCommandHandler(
    IListingRepository listings, IFileStorage storage, IImageProcessor images, RollbackActions rollback, IClock clock, ICurrentUser caller)
    : IRequestHandler<AddListingImageCommand, ListingImageDto>
{
    public async Task<ListingImageDto> Handle(AddListingImageCommand request, CancellationToken cancellationToken)
    {
        if (request.Length > MarketRules.MaxImageBytes)
        {
            throw new FileTooLargeException(MarketRules.MaxImageBytes);
        }

        if (request.Length <= 0)
        {
            throw new RequestValidationException([new FieldError("file", "The file is empty.")]);
        }

        var listing = await listings.LoadForSellerAsync(request.ListingId, caller, adminMayChange: false, cancellationToken);
        // Refused before any decoding: a full or final listing answers at once.
        if (listing.IsFinal || listing.Images.Count >= MarketRules.MaxImages)
        {
            throw Refusal(listing, listing.IsFinal ? AddImageOutcome.Final : AddImageOutcome.Full);
        }

        await using var rendered = await SquareImageUpload.RenderAsync(images, request.Content, ListingImageRules.Request, "file", cancellationToken);
        var now = clock.UtcNow;
        var imageId = Guid.CreateVersion7(now);
        var outcome = listing.AddImage(imageId, rendered.SourceWidth, rendered.SourceHeight, now);
        if (outcome != AddImageOutcome.Added)
        {
            throw Refusal(listing, outcome);
        }

        rollback.Add(async ct =>
        {
            foreach (var key in ListingImageRules.StorageKeys(listing.Id, imageId))
            {
                await storage.DeleteAsync(key, ct);
            }
        });
        foreach (var image in rendered.Images)
        {
            await using var content = File.OpenRead(image.TemporaryPath);
            await storage.SaveAsync(ListingImageRules.StorageKey(listing.Id, imageId, image.Size), content, cancellationToken);
        }

        return ListingImageDto.From(listing.Id, listing.Images.Single(i => i.Id == imageId));
    }

    private static InvalidStateException Refusal(Listing listing, AddImageOutcome outcome) => outcome == AddImageOutcome.Full
        ? new InvalidStateException($"A listing has at most {MarketRules.MaxImages} pictures: remove one first.", "images", "full")
        : ListingCommandAccess.NotInState(listing, "A sold or archived listing cannot change.");
}
