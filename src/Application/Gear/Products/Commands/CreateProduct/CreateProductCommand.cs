using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Marketplace;
using Veza.Domain.Categories;
using Veza.Domain.Common;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Products.Commands.CreateProduct;

/// <summary>Adds a product to the catalog (admins).</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record CreateProductCommand(
    string? Name, Guid? CategoryId, string? Brand, string? Model, [MultilineText] string? Description, decimal? Price, string? Currency, int? WarrantyMonths,
    [MultilineText] string? WarrantyConditions, string? ManufacturerWebsite, string? Specifications, string? Status) : ICommand<ProductDetailDto>, IProductFields;

public sealed class CreateProductCommandValidator : AbstractValidator<CreateProductCommand>
{
    public CreateProductCommandValidator()
    {
        Include(new ProductFieldRules());
        RuleFor(c => c.Name).NotNull().WithMessage("name is required.");
        RuleFor(c => c.Brand).NotNull().WithMessage("brand is required.");
        RuleFor(c => c.CategoryId).NotNull().WithMessage("category_id is required.");
    }
}

public sealed class CreateProductCommandHandler(IProductRepository products, ICategoryRepository categories, IGearReadModel readModel, IUnitOfWork unitOfWork, IClock clock)
    : IRequestHandler<CreateProductCommand, ProductDetailDto>
{
    public async Task<ProductDetailDto> Handle(CreateProductCommand request, CancellationToken cancellationToken)
    {
        await categories.EnsureCategoryAsync(request.CategoryId!.Value, cancellationToken);
        var now = clock.UtcNow;
        var product = Product.Create(Guid.CreateVersion7(now), new ProductDetails(
            request.Name!, request.CategoryId.Value, request.Brand!, request.Model, request.Description, request.Price, request.Currency, request.WarrantyMonths ?? 0,
            request.WarrantyConditions, request.ManufacturerWebsite, request.Specifications ?? "{}",
            ListingFieldRules.ParseOptional<ProductStatus>(request.Status) ?? ProductStatus.Active), now);
        products.Add(product);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindProductAsync(product.Id, includeDiscontinued: true, cancellationToken))!;
    }
}
