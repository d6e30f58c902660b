using System.ComponentModel.DataAnnotations;
using Veza.Application.Marketplace;

namespace Veza.Infrastructure.Marketplace;

/// <summary>The marketplace's clocks (<c>Marketplace:*</c>): how long listings stay on the market and offers wait for an answer.</summary>
public sealed class MarketplaceOptions
{
    public const string Section = "Marketplace";

    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan ListingLifetime { get; set; } = MarketSettings.Default.ListingLifetime;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan OfferLifetime { get; set; } = MarketSettings.Default.OfferLifetime;

    public MarketSettings ToSettings() => new(ListingLifetime, OfferLifetime);
}
