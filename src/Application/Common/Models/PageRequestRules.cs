using FluentValidation;

namespace Veza.Application.Common.Models;

/// <summary>Every paged query validates page and limit the same way (400 on page or limit, by field).</summary>
public sealed class PageRequestRules<TQuery> : AbstractValidator<TQuery>
    where TQuery : IPagedQuery
{
    public PageRequestRules()
    {
        RuleFor(q => q.Paging.Page).GreaterThanOrEqualTo(1).WithName("page").OverridePropertyName("page").WithMessage("page starts at 1.");
        RuleFor(q => q.Paging.Limit).InclusiveBetween(1, PageRequest.MaxLimit).OverridePropertyName("limit").WithMessage($"limit is 1 to {PageRequest.MaxLimit}.");
    }
}
