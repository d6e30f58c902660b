using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Owned.Queries.ListWarranties;

/// <summary>
/// The caller's active gear by warranty, soonest end first. active: not yet ended (today included); expiring: ends
/// within the expiring window from today, both days included; expired: ended before today. Default active.
/// </summary>
[Authorize]
public sealed record ListWarrantiesQuery(string? Filter = null) : IQuery<IReadOnlyList<OwnedGearDto>>;

public sealed class ListWarrantiesQueryValidator : AbstractValidator<ListWarrantiesQuery>
{
    public ListWarrantiesQueryValidator() => RuleFor(q => q.Filter).OneOf<ListWarrantiesQuery, WarrantyFilter>("filter");
}

public sealed class ListWarrantiesQueryHandler(IGearReadModel readModel, GearSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<ListWarrantiesQuery, IReadOnlyList<OwnedGearDto>>
{
    public Task<IReadOnlyList<OwnedGearDto>> Handle(ListWarrantiesQuery request, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var (from, to) = WarrantyRules.Range(ListingFieldRules.ParseOptional<WarrantyFilter>(request.Filter) ?? WarrantyFilter.Active, today, settings.ExpiringDays)!.Value;
        return readModel.WarrantiesAsync(caller.UserId!.Value, from, to, today, cancellationToken);
    }
}
