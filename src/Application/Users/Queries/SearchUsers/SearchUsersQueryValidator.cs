using FluentValidation;

namespace Veza.Application.Users.Queries.SearchUsers;

public sealed class SearchUsersQueryValidator : AbstractValidator<SearchUsersQuery>
{
    public SearchUsersQueryValidator()
    {
        RuleFor(q => q.Q).Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("q is required.")
            .MaximumLength(SearchText.MaxLength).WithMessage($"q is at most {SearchText.MaxLength} characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchUsersQuery.MaxLimit).WithMessage($"limit is 1 to {SearchUsersQuery.MaxLimit}.");
    }
}
