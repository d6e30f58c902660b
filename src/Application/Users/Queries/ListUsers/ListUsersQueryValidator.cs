using FluentValidation;

namespace Veza.Application.Users.Queries.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator() =>
        RuleFor(q => q.Search).MaximumLength(SearchText.MaxLength).WithMessage($"search is at most {SearchText.MaxLength} characters.");
}
