using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;

namespace Veza.Application.Marketplace.Listings.Commands.CreateListing;

/// <summary>
/// Puts something on the market (status active, the default) or saves it as a draft. Kinds sale and
/// sale_or_trade need a price and currency; a trade has none. <see cref="TrackId"/> sells a licence to one of
/// the seller's own tracks.
/// </summary>
[Authorize]
public sealed record CreateListingCommand(
    string Title,
    [MultilineText] string? Description,
    string Kind,
    decimal? Price,
    string? Currency,
    string Condition,
    Guid? CategoryId,
    IReadOnlyList<string>? Tags = null,
    string? Location = null,
    Guid? TrackId = null,
    string? Status = null,
    Guid? UserProductId = null) : ICommand<ListingChangedDto>, IRequiresVerifiedEmail;
