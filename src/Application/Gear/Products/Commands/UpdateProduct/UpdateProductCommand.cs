using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Marketplace;
using Veza.Domain.Categories;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Products.Commands.UpdateProduct;

/// <summary>Changes the fields present of a catalog product (admins); an empty model, description, conditions or website clears it.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record UpdateProductCommand(
    Guid ProductId, string? Name = null, Guid? CategoryId = null, string? Brand = null, string? Model = null, [MultilineText] string? Description = null,
    decimal? Price = null, string? Currency = null, int? WarrantyMonths = null, [MultilineText] string? WarrantyConditions = null, string? ManufacturerWebsite = null,
    string? Specifications = null, string? Status = null) : ICommand<ProductDetailDto>, IProductFields;

public sealed class UpdateProductCommandValidator : AbstractValidator<UpdateProductCommand>
{
    public UpdateProductCommandValidator() => Include(new ProductFieldRules());
}

public sealed class UpdateProductCommandHandler(IProductRepository products, ICategoryRepository categories, IGearReadModel readModel, IUnitOfWork unitOfWork, IClock clock)
    : IRequestHandler<UpdateProductCommand, ProductDetailDto>
{
    public async Task<ProductDetailDto> Handle(UpdateProductCommand request, CancellationToken cancellationToken)
    {
        var product = await products.LoadProductAsync(request.ProductId, cancellationToken);
        if (request.CategoryId is { } categoryId)
        {
            await categories.EnsureCategoryAsync(categoryId, cancellationToken);
        }

        var d = product.Details;
        var website = request.ManufacturerWebsite is { Length: 0 } ? null : request.ManufacturerWebsite ?? d.ManufacturerWebsite;
        product.Edit(new ProductDetails(
            request.Name ?? d.Name, request.CategoryId ?? d.CategoryId, request.Brand ?? d.Brand, request.Model ?? d.Model, request.Description ?? d.Description,
            request.Price ?? d.Price, request.Currency ?? d.Currency, request.WarrantyMonths ?? d.WarrantyMonths, request.WarrantyConditions ?? d.WarrantyConditions,
            website, request.Specifications ?? d.Specifications, ListingFieldRules.ParseOptional<ProductStatus>(request.Status) ?? d.Status), clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindProductAsync(product.Id, includeDiscontinued: true, cancellationToken))!;
    }
}
