using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;

namespace Veza.Application.Gear.Products.Queries.ListProducts;

/// <summary>The catalog, public: active products filtered by category (with its sub-categories) and brand, sorted by name (default), brand or newest.</summary>
public sealed record ListProductsQuery(PageRequest Paging, Guid? Category = null, string? Brand = null, string? Sort = null) : IQuery<PagedResult<ProductDto>>, IPagedQuery;

/// <summary>The catalog as admins manage it: discontinued products too, or one status.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record ListAdminProductsQuery(PageRequest Paging, Guid? Category = null, string? Brand = null, string? Sort = null, string? Status = null)
    : IQuery<PagedResult<ProductDto>>, IPagedQuery;

public sealed class ListProductsQueryValidator : AbstractValidator<ListProductsQuery>
{
    public ListProductsQueryValidator()
    {
        RuleFor(q => q.Sort).OneOf<ListProductsQuery, ProductSort>("sort");
        RuleFor(q => q.Brand).MaxText(Product.BrandMaxLength, "brand");
    }
}

public sealed class ListAdminProductsQueryValidator : AbstractValidator<ListAdminProductsQuery>
{
    public ListAdminProductsQueryValidator()
    {
        RuleFor(q => q.Sort).OneOf<ListAdminProductsQuery, ProductSort>("sort");
        RuleFor(q => q.Status).OneOf<ListAdminProductsQuery, ProductStatus>("status");
        RuleFor(q => q.Brand).MaxText(Product.BrandMaxLength, "brand");
    }
}

public sealed class ListProductsQueryHandler(IGearReadModel readModel, Categories.ICategoryReadModel categories)
    : IRequestHandler<ListProductsQuery, PagedResult<ProductDto>>, IRequestHandler<ListAdminProductsQuery, PagedResult<ProductDto>>
{
    public async Task<PagedResult<ProductDto>> Handle(ListProductsQuery request, CancellationToken cancellationToken) =>
        await ListAsync(request.Paging, request.Category, request.Brand, request.Sort, includeDiscontinued: false, null, cancellationToken);

    public async Task<PagedResult<ProductDto>> Handle(ListAdminProductsQuery request, CancellationToken cancellationToken) =>
        await ListAsync(request.Paging, request.Category, request.Brand, request.Sort, includeDiscontinued: true,
            ListingFieldRules.ParseOptional<ProductStatus>(request.Status), cancellationToken);

    private async Task<PagedResult<ProductDto>> ListAsync(PageRequest paging, Guid? category, string? brand, string? sort, bool includeDiscontinued, ProductStatus? status, CancellationToken cancellationToken)
    {
        var filter = new ProductFilter(category, string.IsNullOrWhiteSpace(brand) ? null : brand.Trim(), ListingFieldRules.ParseOptional<ProductSort>(sort) ?? ProductSort.Name, includeDiscontinued, status);
        if (category is { } id)
        {
            var ids = await categories.WithDescendantsAsync(id, cancellationToken);
            return ids.Count == 0
                ? throw new Common.Exceptions.RequestValidationException([new Common.Exceptions.FieldError("category", "No category with this id.")])
                : await readModel.ListProductsAsync(filter, paging, ids, cancellationToken);
        }

        return await readModel.ListProductsAsync(filter, paging, null, cancellationToken);
    }
}
