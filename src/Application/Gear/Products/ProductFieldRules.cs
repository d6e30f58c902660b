using FluentValidation;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;

namespace Veza.Application.Gear.Products;

/// <summary>The fields of a product an admin sends (create and update), checked as fields before the entity checks them again.</summary>
public interface IProductFields
{
    string? Name { get; }
    string? Brand { get; }
    string? Model { get; }
    string? Description { get; }
    decimal? Price { get; }
    string? Currency { get; }
    int? WarrantyMonths { get; }
    string? WarrantyConditions { get; }
    string? ManufacturerWebsite { get; }
    string? Specifications { get; }
    string? Status { get; }
}

public sealed class ProductFieldRules : AbstractValidator<IProductFields>
{
    public ProductFieldRules()
    {
        RuleFor(p => p.Name).Must(n => n is null || n.Trim().Length is > 0 and <= Product.NameMaxLength).WithMessage($"name is 1 to {Product.NameMaxLength} characters.");
        RuleFor(p => p.Brand).Must(n => n is null || n.Trim().Length is > 0 and <= Product.BrandMaxLength).WithMessage($"brand is 1 to {Product.BrandMaxLength} characters.");
        RuleFor(p => p.Model).MaxText(Product.ModelMaxLength, "model");
        RuleFor(p => p.Description).MaxText(Product.DescriptionMaxLength, "description");
        RuleFor(p => p.WarrantyConditions).MaxText(Product.ConditionsMaxLength, "warranty_conditions");
        RuleFor(p => p.Price).Amount("price");
        RuleFor(p => p.Currency).Currency();
        RuleFor(p => p.Currency).NotNull().When(p => p.Price is not null).WithMessage("currency is required with a price.");
        RuleFor(p => p.WarrantyMonths).InclusiveBetween(0, Product.MaxWarrantyMonths).WithMessage($"warranty_months is 0 to {Product.MaxWarrantyMonths}.");
        RuleFor(p => p.ManufacturerWebsite).Must(w => w is "" || Product.IsWebsite(w)).WithMessage("manufacturer_website is an http or https address (an empty one clears it).");
        RuleFor(p => p.Specifications).Must(s => s is null || Product.IsSpecification(s))
            .WithMessage($"specifications is a JSON object of at most {Product.MaxSpecificationBytes} bytes.");
        RuleFor(p => p.Status).OneOf<IProductFields, ProductStatus>("status");
    }
}
