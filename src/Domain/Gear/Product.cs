using System.Text.Json;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;

namespace Veza.Domain.Gear;

/// <summary>
/// A product in the catalog admins curate (an interface, a synth model). People record the units they own
/// against it (<see cref="OwnedGear"/>); one that anybody owns is discontinued rather than deleted.
/// </summary>
public sealed class Product : Entity
{
    public const int NameMaxLength = 200;
    public const int BrandMaxLength = 100;
    public const int ModelMaxLength = 100;
    public const int DescriptionMaxLength = 10_000;
    public const int ConditionsMaxLength = 5_000;
    public const int MaxWarrantyMonths = 240;
    public const int MaxSpecificationBytes = 16 * 1024;

    private Product()
    {
        Name = Brand = string.Empty;
        Specifications = "{}";
    }

    public string Name { get; private set; }
    public Guid CategoryId { get; private set; }
    public string Brand { get; private set; }
    public string? Model { get; private set; }
    public string? Description { get; private set; }
    public decimal? Price { get; private set; }
    public string? Currency { get; private set; }
    public int WarrantyMonths { get; private set; }
    public string? WarrantyConditions { get; private set; }
    public string? ManufacturerWebsite { get; private set; }

    /// <summary>A JSON object (at most 16 KB), as the admin wrote it.</summary>
    public string Specifications { get; private set; }

    public ProductStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Product Create(Guid id, ProductDetails details, DateTimeOffset now)
    {
        var product = new Product { Id = id, CreatedAt = now };
        product.Apply(details, now);
        return product;
    }

    public ProductDetails Details => new(Name, CategoryId, Brand, Model, Description, Price, Currency, WarrantyMonths, WarrantyConditions, ManufacturerWebsite, Specifications, Status);

    public void Edit(ProductDetails details, DateTimeOffset now) => Apply(details, now);

    public void Discontinue(DateTimeOffset now)
    {
        Status = ProductStatus.Discontinued;
        UpdatedAt = now;
    }

    /// <summary>The warranty a unit bought on <paramref name="purchased"/> has by default (month arithmetic: 29 February plus a year is 28 February).</summary>
    public DateOnly DefaultWarrantyEnd(DateOnly purchased) => purchased.AddMonths(WarrantyMonths);

    public static bool IsWebsite(string? url) =>
        url is null || (url.Length <= 500 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host));

    /// <summary>A JSON object of at most <see cref="MaxSpecificationBytes"/> bytes.</summary>
    public static bool IsSpecification(string json)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxSpecificationBytes)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Apply(ProductDetails d, DateTimeOffset now)
    {
        // Everything is checked before anything changes: a refused edit leaves the product as it was.
        var (price, currency) = MarketRules.CheckMoney(d.Price, d.Currency, "A price");
        var name = Required(d.Name, NameMaxLength, "A product name");
        var brand = Required(d.Brand, BrandMaxLength, "A brand");
        var model = Tracks.TrackRules.CheckOptional(d.Model, ModelMaxLength, "A model");
        var description = Tracks.TrackRules.CheckOptional(d.Description, DescriptionMaxLength, "A description");
        var conditions = Tracks.TrackRules.CheckOptional(d.WarrantyConditions, ConditionsMaxLength, "Warranty conditions");
        if (d.WarrantyMonths is < 0 or > MaxWarrantyMonths)
        {
            throw new DomainException($"A warranty is 0 to {MaxWarrantyMonths} months.");
        }

        if (!IsWebsite(d.ManufacturerWebsite))
        {
            throw new DomainException("A manufacturer website is an http or https address.");
        }

        if (!IsSpecification(d.Specifications))
        {
            throw new DomainException($"Specifications are a JSON object of at most {MaxSpecificationBytes} bytes.");
        }

        Name = name;
        Brand = brand;
        Model = model;
        Description = description;
        WarrantyConditions = conditions;
        CategoryId = d.CategoryId;
        Price = price;
        Currency = currency;
        WarrantyMonths = d.WarrantyMonths;
        ManufacturerWebsite = d.ManufacturerWebsite;
        Specifications = d.Specifications;
        Status = d.Status;
        UpdatedAt = now;
    }

    private static string Required(string value, int max, string what)
    {
        var trimmed = value.Trim();
        return trimmed.Length is > 0 && trimmed.Length <= max ? trimmed : throw new DomainException($"{what} is 1 to {max} characters.");
    }
}

public sealed record ProductDetails(
    string Name,
    Guid CategoryId,
    string Brand,
    string? Model,
    string? Description,
    decimal? Price,
    string? Currency,
    int WarrantyMonths,
    string? WarrantyConditions,
    string? ManufacturerWebsite,
    string Specifications,
    ProductStatus Status);
