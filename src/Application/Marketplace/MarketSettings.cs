namespace Veza.Application.Marketplace;

/// <param name="ListingLifetime">How long a published listing stays on the market before it is archived (renewed when it comes back after a cancelled transaction).</param>
/// <param name="OfferLifetime">How long an offer waits for an answer before it expires; each move restarts it.</param>
public sealed record MarketSettings(TimeSpan ListingLifetime, TimeSpan OfferLifetime)
{
    public static readonly MarketSettings Default = new(TimeSpan.FromDays(60), TimeSpan.FromHours(72));
}
