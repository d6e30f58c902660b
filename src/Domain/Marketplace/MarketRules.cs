using System.Collections.Frozen;
using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Domain.Marketplace;

/// <summary>The limits on listings, offers and ratings, and the money rules they share.</summary>
public static class MarketRules
{
    public const int TitleMinLength = 3;
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 5000;
    public const int LocationMaxLength = 100;
    public const int MessageMaxLength = 1000;
    public const int CommentMaxLength = 1000;
    public const int MaxImages = 8;
    public const long MaxImageBytes = 10 * 1024 * 1024;
    public const int MaxBarterListings = 5;

    /// <summary>numeric(12,2): below a hundred million, in cents.</summary>
    public const decimal MaxAmount = 99_999_999.99m;

    /// <summary>
    /// The active ISO 4217 codes (2024 list, funds and precious metals left out): an embedded list rather than
    /// the cultures the runtime knows, which differ between machines (and are absent in invariant mode).
    /// </summary>
    public static readonly FrozenSet<string> Currencies = FrozenSet.ToFrozenSet(
    [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL",
        "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
        "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
        "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR",
        "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
        "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
        "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    ], StringComparer.Ordinal);

    public static bool IsCurrency(string? code) => code is not null && Currencies.Contains(code);

    /// <summary>More than zero, at most <see cref="MaxAmount"/>, and in cents (two decimal places at most).</summary>
    public static bool IsAmount(decimal amount) => amount > 0 && amount <= MaxAmount && decimal.Round(amount, 2) == amount;

    /// <summary>Two places always, invariant: <c>49.9</c> is <c>"49.90"</c> on the wire.</summary>
    public static string Format(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static bool NeedsPrice(this ListingKind kind) => kind is ListingKind.Sale or ListingKind.SaleOrTrade;

    public static bool TakesBarter(this ListingKind kind) => kind is ListingKind.Trade or ListingKind.SaleOrTrade;

    /// <summary>An amount and its currency, both or neither; the amount checked.</summary>
    public static (decimal? Amount, string? Currency) CheckMoney(decimal? amount, string? currency, string what)
    {
        if (amount is null && currency is null)
        {
            return (null, null);
        }

        if (amount is not { } value || !IsAmount(value))
        {
            throw new DomainException($"{what} is more than 0 and at most {Format(MaxAmount)}, in cents.");
        }

        return IsCurrency(currency) ? (value, currency) : throw new DomainException($"{what} needs an ISO 4217 currency code.");
    }

    public static string CheckTitle(string title)
    {
        var trimmed = title.Trim();
        return trimmed.Length is >= TitleMinLength and <= TitleMaxLength
            ? trimmed
            : throw new DomainException($"A listing title is {TitleMinLength} to {TitleMaxLength} characters.");
    }

    public static string? CheckDescription(string? description) => TrackRules.CheckOptional(description, DescriptionMaxLength, "A description");

    public static string? CheckLocation(string? location) => TrackRules.CheckOptional(location, LocationMaxLength, "A location");

    public static string? CheckMessage(string? message) => TrackRules.CheckOptional(message, MessageMaxLength, "A message");
}

/// <summary>How a listing's pictures are kept: re-encoded WebP, whole (not cropped), at two sizes.</summary>
public static class ListingImageRules
{
    public const int LargeSize = 1600;
    public const int SmallSize = 400;
    public const int MaxSourceSide = 8000;
    public static readonly IReadOnlyList<int> Sizes = [LargeSize, SmallSize];
    public const Media.ImageFormat Format = Media.ImageFormat.WebP;

    public static Media.SquareImageRequest Request => new(Sizes, MaxSourceSide, Format, CropToSquare: false);

    /// <summary>The folder every listing's picture folder is in.</summary>
    public const string StoragePrefix = "listings";

    public static string StorageKey(Guid listingId, Guid imageId, int size) => $"{StoragePrefix}/{listingId:N}/{imageId:N}-{size}.webp";

    /// <summary>The picture a file of a listing's folder is of, or null.</summary>
    public static Guid? ImageIdOf(string key) => StorageNames.IdAfter(key, string.Empty);

    public static IReadOnlyList<string> StorageKeys(Guid listingId, Guid imageId) => [.. Sizes.Select(size => StorageKey(listingId, imageId, size))];

    public static string Url(Guid listingId, Guid imageId, int size = LargeSize) => $"/api/v1/listings/{listingId}/images/{imageId}?size={size}";
}
