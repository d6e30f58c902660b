using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Admin.Queries.ListUsers;

/// <summary>Users with email and status; search covers username, display name and email (contains, case-insensitive).</summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record ListUsersQuery(PageRequest Paging, string? Role = null, string? Status = null, string? Search = null, string? Sort = null)
    : IQuery<PagedResult<AdminUserDto>>, IPagedQuery
{
    public const string DefaultSort = "-created_at";

    public static readonly IReadOnlyList<string> Sorts = ["created_at", "-created_at", "username", "-username", "last_login_at", "-last_login_at"];
}

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(x => x.Role).Must(r => RoleNames.TryParse(r, out _)).When(x => x.Role is not null)
            .WithMessage("role must be one of: user, moderator, admin, super_admin.");
        RuleFor(x => x.Status).Must(s => s is "active" or "suspended" or "banned" or "deleted").When(x => x.Status is not null)
            .WithMessage("status must be one of: active, suspended, banned, deleted.");
        RuleFor(x => x.Search).MaximumLength(100).WithMessage("search must be at most 100 characters.");
        RuleFor(x => x.Sort).Must(s => ListUsersQuery.Sorts.Contains(s)).When(x => x.Sort is not null)
            .WithMessage($"sort must be one of: {string.Join(", ", ListUsersQuery.Sorts)}.");
    }
}

public sealed class ListUsersQueryHandler(IAdminReadModel readModel, IClock clock) : IRequestHandler<ListUsersQuery, PagedResult<AdminUserDto>>
{
    public Task<PagedResult<AdminUserDto>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        Role? role = RoleNames.TryParse(request.Role, out var r) ? r : null;
        AccountStatus? status = AccountNames.TryParseStatus(request.Status, out var s) ? s : null;
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim();
        var filter = new AdminUserFilter(role, status, search, request.Sort ?? ListUsersQuery.DefaultSort);
        return readModel.ListUsersAsync(filter, request.Paging, clock.UtcNow, cancellationToken);
    }
}
