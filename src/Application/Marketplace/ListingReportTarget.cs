using Veza.Application.Playlists;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;
using Veza.Domain.Reports;

namespace Veza.Application.Marketplace;

/// <summary>
/// A listing as a report target (scam, counterfeit...). Its owner is the seller; hide_content hides it
/// (<see cref="Listing.Hide"/>): out of every list and search, open to its seller (with the reason) and admins
/// only, and the offers still waiting on it are closed in the same transaction.
/// </summary>
public sealed class ListingReportTarget(IListingRepository listings, IClock clock, ICurrentUser caller) : IReportTargetType
{
    public const string TypeName = "listing";

    public string Name => TypeName;

    public async Task<Guid?> FindOwnerAsync(Guid targetId, CancellationToken cancellationToken) =>
        await listings.GetAsync(targetId, cancellationToken) is { } listing && listing.IsVisibleTo(caller.UserId, caller.IsAdmin() || caller.Role is >= Domain.Users.Role.Moderator)
            ? listing.SellerId
            : null;

    public async Task<bool> HideAsync(Guid targetId, string reason, CancellationToken cancellationToken)
    {
        if (await listings.GetAsync(targetId, cancellationToken) is { } listing)
        {
            listing.Hide(reason, clock.UtcNow);
        }

        return true;
    }
}
