using Veza.Domain.Marketplace;

namespace Veza.Domain.Tests;

/// <summary>The people, clock and listings the marketplace tests share.</summary>
internal static class MarketplaceFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    public static readonly Guid Seller = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a1");
    public static readonly Guid Buyer = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000b1");
    public static readonly Guid Stranger = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000c1");
    public static readonly Guid Synths = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000d1");

    public static ListingTerms SaleTerms(decimal price = 100m, string currency = "EUR", ListingKind kind = ListingKind.Sale) =>
        new("Roland Juno-60", "Serviced last year.", kind, price, currency, ListingCondition.Good, Synths, ["analog", "poly"], "Lyon", null);

    public static ListingTerms TradeTerms() =>
        new("Korg MS-20", null, ListingKind.Trade, null, null, ListingCondition.Fair, Synths, [], null, null);

    public static Listing Draft(ListingTerms? terms = null, Guid? seller = null) =>
        Listing.Create(Guid.NewGuid(), seller ?? Seller, terms ?? SaleTerms(), false, Now, Lifetime);

    public static Listing Active(ListingTerms? terms = null, Guid? seller = null) =>
        Listing.Create(Guid.NewGuid(), seller ?? Seller, terms ?? SaleTerms(), true, Now, Lifetime);

    /// <summary>A listing brought to <paramref name="status"/> the way the application does it.</summary>
    public static Listing InStatus(ListingStatus status, ListingTerms? terms = null, Guid? seller = null)
    {
        var listing = status == ListingStatus.Draft ? Draft(terms, seller) : Active(terms, seller);
        switch (status)
        {
            case ListingStatus.Reserved:
                Assert.That(listing.Reserve(Now), Is.True);
                break;
            case ListingStatus.Sold:
                Assert.That(listing.Reserve(Now) && listing.MarkSold(Now), Is.True);
                break;
            case ListingStatus.Archived:
                Assert.That(listing.Archive(Now), Is.True);
                break;
        }

        Assert.That(listing.Status, Is.EqualTo(status));
        return listing;
    }

    /// <summary>An active listing of the buyer's, to be offered in trade.</summary>
    public static Listing BuyersGear() => Active(TradeTerms(), Buyer);
}
