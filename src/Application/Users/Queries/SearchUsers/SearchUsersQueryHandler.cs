using MediatR;
using Veza.Application.Common.ReadModels;

namespace Veza.Application.Users.Queries.SearchUsers;

public sealed class SearchUsersQueryHandler(IUserDirectory directory) : IRequestHandler<SearchUsersQuery, IReadOnlyList<UserSummaryDto>>
{
    public Task<IReadOnlyList<UserSummaryDto>> Handle(SearchUsersQuery request, CancellationToken cancellationToken) =>
        directory.SearchAsync(SearchText.Normalize(request.Q), request.Limit, cancellationToken);
}
