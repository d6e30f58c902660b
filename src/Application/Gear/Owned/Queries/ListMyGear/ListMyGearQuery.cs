using FluentValidation;
using MediatR;
using Veza.Application.Categories;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Owned.Queries.ListMyGear;

/// <summary>The caller's gear, newest first, by status, category (with its sub-categories) and q (product name, brand, model, serial, notes).</summary>
[Authorize]
public sealed record ListMyGearQuery(PageRequest Paging, string? Status = null, Guid? Category = null, string? Q = null) : IQuery<PagedResult<OwnedGearDto>>, IPagedQuery;

/// <summary>One entry of the caller's gear; anyone else's: 404.</summary>
[Authorize]
public sealed record GetMyGearQuery(Guid OwnedGearId) : IQuery<OwnedGearDto>;

public sealed class ListMyGearQueryValidator : AbstractValidator<ListMyGearQuery>
{
    public ListMyGearQueryValidator()
    {
        RuleFor(q => q.Status).OneOf<ListMyGearQuery, OwnedGearStatus>("status");
        RuleFor(q => q.Q).MaxText(100, "q");
    }
}

public sealed class ListMyGearQueryHandler(IGearReadModel readModel, ICategoryReadModel categories, IClock clock, ICurrentUser caller)
    : IRequestHandler<ListMyGearQuery, PagedResult<OwnedGearDto>>, IRequestHandler<GetMyGearQuery, OwnedGearDto>
{
    public async Task<PagedResult<OwnedGearDto>> Handle(ListMyGearQuery request, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid>? categoryIds = null;
        if (request.Category is { } category)
        {
            categoryIds = await categories.WithDescendantsAsync(category, cancellationToken) is { Count: > 0 } ids
                ? ids
                : throw new RequestValidationException([new FieldError("category", "No category with this id.")]);
        }

        var filter = new OwnedGearFilter(ListingFieldRules.ParseOptional<OwnedGearStatus>(request.Status), categoryIds, string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim());
        return await readModel.ListOwnedAsync(caller.UserId!.Value, filter, clock.Today(), request.Paging, cancellationToken);
    }

    public async Task<OwnedGearDto> Handle(GetMyGearQuery request, CancellationToken cancellationToken) =>
        await readModel.FindOwnedAsync(request.OwnedGearId, caller.UserId!.Value, clock.Today(), cancellationToken) ?? throw new NotFoundException("No gear entry with this id.");
}
