using Veza.Api.OpenApi;
using Veza.Application.Categories;
using Veza.Application.Categories.Commands.CreateCategory;
using Veza.Application.Marketplace;
using Veza.Application.Users;
using Veza.Domain.Marketplace;

namespace Veza.Api.Endpoints.Marketplace;

public sealed class MarketplaceExamples : IOpenApiExamples
{
    private static readonly Guid Studio = Guid.Parse("0193a000-0000-7000-8000-000000000200");
    private static readonly Guid Interfaces = Guid.Parse("0193a000-0000-7000-8000-000000000201");
    private static readonly Guid ListingId = Guid.Parse("0193a6e0-1111-7a00-8b00-00000000a001");
    private static readonly Guid BarterId = Guid.Parse("0193a6e0-1111-7a00-8b00-00000000a002");
    private static readonly Guid ImageId = Guid.Parse("0193a6e0-2222-7a00-8b00-00000000b001");
    private static readonly Guid OfferId = Guid.Parse("0193a6e0-3333-7a00-8b00-00000000c001");
    private static readonly Guid TransactionId = Guid.Parse("0193a6e0-4444-7a00-8b00-00000000d001");
    private static readonly Guid BuyerId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000b1");
    private static readonly UserRefDto Seller = new(ExampleValues.UserId, "dj_nova");
    private static readonly UserRefDto Buyer = new(BuyerId, "bass_bob");
    private static readonly CategoryRefDto InterfacesRef = new(Interfaces, "Audio interfaces", "audio-interfaces");

    private static readonly ListingImageDto Image = new(ImageId, 0, 3000, 2000,
        ListingImageRules.Url(ListingId, ImageId, ListingImageRules.LargeSize), ListingImageRules.Url(ListingId, ImageId, ListingImageRules.SmallSize));

    private static readonly ListingDto Listing = new(
        ListingId, new SellerDto(Seller.Id, Seller.Username, new RatingSummaryDto(4.67, 12)), "Focusrite Scarlett 2i2 (3rd gen)", ListingKind.SaleOrTrade, "89.90", "EUR",
        ListingCondition.LikeNew, InterfacesRef, ["usb", "interface"], "Lyon, France", null, null, ListingStatus.Active,
        ListingImageRules.Url(ListingId, ImageId, ListingImageRules.SmallSize), ExampleValues.Now, ExampleValues.Now, ExampleValues.Now.AddDays(60));

    private static readonly OfferDto Offer = new(
        OfferId, new ListingRefDto(ListingId, Listing.Title, ListingStatus.Active), Buyer, Seller, OfferStatus.Countered, "85.00", "EUR", [], MarketParty.Buyer,
        ExampleValues.Now.AddHours(74), null, null, ExampleValues.Now, ExampleValues.Now.AddHours(2));

    public void AddTo(ExampleTable examples) => examples
        .Add(new CreateCategoryCommand("Audio interfaces", "audio-interfaces", Studio))
        .Add(new RenameCategoryBody("USB interfaces", "usb-interfaces"))
        .Add(new MoveCategoryBody(Studio))
        .Add(new CategoryDto(Interfaces, "Audio interfaces", "audio-interfaces", Studio, ExampleValues.Now, ExampleValues.Now))
        .Add(new CategoryNodeDto(Studio, "Studio", "studio", null, 42, [new CategoryNodeDto(Interfaces, "Audio interfaces", "audio-interfaces", Studio, 17, [])]))
        .Add(new CategoryDetailDto(Interfaces, "Audio interfaces", "audio-interfaces", Studio, 17, [], [new CategoryRefDto(Studio, "Studio", "studio"), InterfacesRef]))
        .Add(new ListingBody("Focusrite Scarlett 2i2 (3rd gen)", "Two preamps, barely used, with its box and cable.", "sale_or_trade", 89.90m, "EUR", "like_new", Interfaces,
            ["usb", "interface"], "Lyon, France", null, "active"))
        .Add(new ReorderListingImagesBody([ImageId]))
        .Add(Listing)
        .Add(new ListingDetailDto(Listing, "Two preamps, barely used, with its box and cable.", [Image], true, null, null, null, ExampleValues.Now))
        .Add(Image)
        .Add(new ListingChangedDto(ListingId, Listing.Title, "Two preamps, barely used, with its box and cable.", ListingKind.SaleOrTrade, "89.90", "EUR", ListingCondition.LikeNew,
            Interfaces, ["usb", "interface"], "Lyon, France", null, null, ListingStatus.Active, [Image], ExampleValues.Now, ExampleValues.Now, ExampleValues.Now, ExampleValues.Now.AddDays(60)))
        .Add(new ListingDeletedDto(ListingId, false, true))
        .Add(new OfferTermsBody(85.00m, "EUR", [BarterId], "Would you take 85, or my old MIDI keyboard?"))
        .Add(new RejectOfferBody("Sorry, sold elsewhere."))
        .Add(Offer)
        .Add(new OfferDetailDto(Offer,
        [
            new OfferMoveDto(1, OfferMoveKind.Offer, MarketParty.Buyer, "80.00", "EUR", [], "Would you take 80?", ExampleValues.Now),
            new OfferMoveDto(2, OfferMoveKind.Counter, MarketParty.Seller, "85.00", "EUR", [], "85 and it is yours.", ExampleValues.Now.AddHours(2)),
        ]))
        .Add(new RateTransactionBody(5, "Well packed, quick to ship."))
        .Add(new TransactionDto(TransactionId, OfferId, new ListingRefDto(ListingId, Listing.Title, ListingStatus.Sold), Buyer, Seller, "85.00", "EUR", [],
            TransactionStatus.Completed, ExampleValues.Now.AddDays(1), ExampleValues.Now.AddDays(3), null, null, null,
            [new RatingDto(Guid.Parse("0193a6e0-5555-7a00-8b00-00000000e001"), TransactionId, Buyer, 5, "Well packed, quick to ship.", ExampleValues.Now.AddDays(3))],
            ExampleValues.Now, ExampleValues.Now.AddDays(3)))
        .Add(new UserRatingsDto(new RatingSummaryDto(4.67, 12), new Application.Common.Models.PagedResult<RatingDto>(
            [new RatingDto(Guid.Parse("0193a6e0-5555-7a00-8b00-00000000e001"), TransactionId, Buyer, 5, "Well packed, quick to ship.", ExampleValues.Now.AddDays(3))], 1, 20, 12)));
}
