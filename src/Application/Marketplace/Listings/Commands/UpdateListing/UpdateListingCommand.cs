using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Marketplace.Listings.Commands.UpdateListing;

/// <summary>
/// Changes the fields present (null leaves a field; an empty description, location or tag list clears it),
/// by the seller, while the listing is a draft, active or reserved. Status moves a listing between draft and
/// active (publishing renews its time on the market). A reserved listing's price, currency and kind are locked.
/// </summary>
[Authorize]
public sealed record UpdateListingCommand(
    Guid ListingId,
    string? Title = null,
    [MultilineText] string? Description = null,
    string? Kind = null,
    decimal? Price = null,
    string? Currency = null,
    string? Condition = null,
    Guid? CategoryId = null,
    IReadOnlyList<string>? Tags = null,
    string? Location = null,
    Guid? TrackId = null,
    string? Status = null,
    Guid? UserProductId = null) : ICommand<ListingChangedDto>, IRequiresVerifiedEmail;
