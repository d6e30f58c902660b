using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Queries.ListUsers;

public sealed class ListUsersQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<ListUsersQuery, PagedResult<UserSummaryDto>>
{
    public Task<PagedResult<UserSummaryDto>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : SearchText.Normalize(request.Search);
        var searchEmail = caller.Role is Role.Admin or Role.SuperAdmin;
        return directory.ListAsync(search, searchEmail, exceptUserId: null, request.Paging, cancellationToken);
    }
}
