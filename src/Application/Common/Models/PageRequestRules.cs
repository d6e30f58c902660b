using FluentValidation;

namespace Veza.Application.Common.Models;

/// <summary>Every paged query validates page and limit the same way (400 on page or limit, by field).</summary>
public sealed class PageRequestRules<TQuery> : AbstractValidator<TQuery>
    where TQuery : IPagedQuery
{
    public PageRequestRules()
    {
        RuleFor(q => q.Paging.Page).InclusiveBetween(1, PageRequest.MaxPage).OverridePropertyName("page").WithMessage($"page is 1 to {PageRequest.MaxPage}.");
        RuleFor(q => q.Paging.Limit).InclusiveBetween(1, PageRequest.MaxLimit).OverridePropertyName("limit").WithMessage($"limit is 1 to {PageRequest.MaxLimit}.");
    }
}
