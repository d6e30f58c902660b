using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Offers.Queries.ListOffers;

/// <summary>The caller's offers, as buyer, as seller, or both (no role), optionally in one status; most recently moved first.</summary>
[Authorize]
public sealed record ListOffersQuery(PageRequest Paging, string? Role = null, string? Status = null) : IQuery<PagedResult<OfferDto>>, IPagedQuery;

public sealed class ListOffersQueryValidator : AbstractValidator<ListOffersQuery>
{
    public ListOffersQueryValidator()
    {
        RuleFor(q => q.Role).OneOf<ListOffersQuery, MarketParty>("role");
        RuleFor(q => q.Status).OneOf<ListOffersQuery, OfferStatus>("status");
    }
}

public sealed class ListOffersQueryHandler(IMarketReadModel readModel, ICurrentUser caller) : IRequestHandler<ListOffersQuery, PagedResult<OfferDto>>
{
    public Task<PagedResult<OfferDto>> Handle(ListOffersQuery request, CancellationToken cancellationToken) =>
        readModel.ListOffersAsync(caller.UserId!.Value, ListingFieldRules.ParseOptional<MarketParty>(request.Role),
            ListingFieldRules.ParseOptional<OfferStatus>(request.Status), request.Paging, cancellationToken);
}
