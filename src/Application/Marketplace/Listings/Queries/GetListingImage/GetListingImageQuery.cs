using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Playlists;
using Veza.Domain.Marketplace;
using Veza.Domain.Media;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Queries.GetListingImage;

/// <summary>One size of a listing's picture, for whoever may see the listing; 404 otherwise.</summary>
public sealed record GetListingImageQuery(Guid ListingId, Guid ImageId, int Size) : IQuery<ListingImageFile>;

/// <summary>The open picture; the caller disposes it. The id names the content, so it never changes.</summary>
public sealed record ListingImageFile(Guid ImageId, DateTimeOffset CreatedAt, string ContentType, StoredFile File) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => File.DisposeAsync();
}

public sealed class GetListingImageQueryValidator : AbstractValidator<GetListingImageQuery>
{
    public GetListingImageQueryValidator() =>
        RuleFor(q => q.Size).Must(ListingImageRules.Sizes.Contains).WithMessage($"size is {string.Join(" or ", ListingImageRules.Sizes)}.");
}

public sealed class GetListingImageQueryHandler(IListingRepository listings, IFileStorage storage, ICurrentUser caller) : IRequestHandler<GetListingImageQuery, ListingImageFile>
{
    public async Task<ListingImageFile> Handle(GetListingImageQuery request, CancellationToken cancellationToken)
    {
        var listing = await listings.GetAsync(request.ListingId, cancellationToken);
        var image = listing is not null && listing.IsVisibleTo(caller.UserId, caller.IsAdmin()) ? listing.Images.FirstOrDefault(i => i.Id == request.ImageId) : null;
        var file = image is null ? null : await storage.OpenReadAsync(ListingImageRules.StorageKey(request.ListingId, image.Id, request.Size), cancellationToken);
        return file is null
            ? throw new NotFoundException("No such picture on this listing.")
            : new ListingImageFile(image!.Id, image.CreatedAt, ImageFormats.ContentType(ListingImageRules.Format), file);
    }
}
