using FluentValidation;
using MediatR;
using Veza.Application.Categories;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Listings.Queries.SearchListings;

/// <summary>
/// The market: listings filtered and sorted, paged. <see cref="CategoryId"/> includes every category under it.
/// With <see cref="SellerId"/> it is that seller's listings: their own list shows the seller every status
/// (drafts included) unless <see cref="Status"/> picks one; anyone else sees active ones (or the one status asked:
/// reserved or sold, never drafts or archived).
/// </summary>
public sealed record SearchListingsQuery(
    PageRequest Paging,
    string? Q = null,
    Guid? CategoryId = null,
    string? Kind = null,
    string? Condition = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    string? Currency = null,
    string? Tag = null,
    Guid? SellerId = null,
    string? Status = null,
    string? Sort = null) : IQuery<PagedResult<ListingDto>>, IPagedQuery;

public sealed class SearchListingsQueryValidator : AbstractValidator<SearchListingsQuery>
{
    public SearchListingsQueryValidator()
    {
        RuleFor(q => q.Q).MaxText(100, "q");
        RuleFor(q => q.Kind).OneOf<SearchListingsQuery, ListingKind>("kind");
        RuleFor(q => q.Condition).OneOf<SearchListingsQuery, ListingCondition>("condition");
        RuleFor(q => q.Status).OneOf<SearchListingsQuery, ListingStatus>("status");
        RuleFor(q => q.Sort).OneOf<SearchListingsQuery, ListingSort>("sort");
        RuleFor(q => q.Currency).Currency();
        RuleFor(q => q.MinPrice).Must(p => p is null or >= 0).WithMessage("min_price is 0 or more.");
        RuleFor(q => q.MaxPrice).Must(p => p is null or >= 0).WithMessage("max_price is 0 or more.");
        RuleFor(q => q.MaxPrice).Must((q, max) => max is null || q.MinPrice is null || max >= q.MinPrice).WithMessage("max_price is at least min_price.");
        RuleFor(q => q.Tag).MaxText(Domain.Tracks.TrackRules.TagMaxLength, "tag");
    }
}

public sealed class SearchListingsQueryHandler(IMarketReadModel readModel, ICategoryReadModel categories, ICurrentUser caller)
    : IRequestHandler<SearchListingsQuery, PagedResult<ListingDto>>
{
    public async Task<PagedResult<ListingDto>> Handle(SearchListingsQuery request, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid>? categoryIds = null;
        if (request.CategoryId is { } categoryId)
        {
            categoryIds = await categories.WithDescendantsAsync(categoryId, cancellationToken) is { Count: > 0 } ids
                ? ids
                : throw new RequestValidationException([new FieldError("category", "No category with this id.")]);
        }

        var filter = new ListingFilter(
            string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim(),
            categoryIds,
            ListingFieldRules.ParseOptional<ListingKind>(request.Kind),
            ListingFieldRules.ParseOptional<ListingCondition>(request.Condition),
            request.MinPrice,
            request.MaxPrice,
            request.Currency,
            string.IsNullOrWhiteSpace(request.Tag) ? null : request.Tag.Trim().ToLowerInvariant(),
            SellerOf(request),
            Statuses(request),
            ListingFieldRules.ParseOptional<ListingSort>(request.Sort) ?? ListingSort.New);
        return await readModel.SearchListingsAsync(filter, caller.UserId, request.Paging, cancellationToken);
    }

    /// <summary>Asking for drafts or archived listings without naming a seller means the caller's own (no one else's are shown).</summary>
    private Guid? SellerOf(SearchListingsQuery request) =>
        request.SellerId ?? (ListingFieldRules.ParseOptional<ListingStatus>(request.Status) is ListingStatus.Draft or ListingStatus.Archived ? caller.UserId : null);

    private IReadOnlyList<ListingStatus> Statuses(SearchListingsQuery request)
    {
        var asked = ListingFieldRules.ParseOptional<ListingStatus>(request.Status);
        var own = SellerOf(request) is { } seller && seller == caller.UserId;
        if (own)
        {
            return asked is { } status ? [status] : Enum.GetValues<ListingStatus>();
        }

        return asked switch
        {
            null or ListingStatus.Active => [ListingStatus.Active],
            ListingStatus.Reserved or ListingStatus.Sold when request.SellerId is not null => [asked.Value],
            _ => throw new RequestValidationException([new FieldError("status",
                $"Only the seller sees their {WireNames.ToWireName(asked.Value)} listings; others see active ones (and a seller's reserved or sold ones).")]),
        };
    }
}
