using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Queries.ListUsersExceptMe;

public sealed class ListUsersExceptMeQueryHandler(IUserDirectory directory, ICurrentUser caller) : IRequestHandler<ListUsersExceptMeQuery, PagedResult<UserSummaryDto>>
{
    public Task<PagedResult<UserSummaryDto>> Handle(ListUsersExceptMeQuery request, CancellationToken cancellationToken) =>
        directory.ListAsync(search: null, searchEmail: false, caller.UserId!.Value, request.Paging, cancellationToken);
}
