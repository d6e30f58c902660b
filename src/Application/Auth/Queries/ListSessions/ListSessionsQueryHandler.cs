using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.Queries.ListSessions;

public sealed class ListSessionsQueryHandler(ISessionReadModel sessions, ICurrentUser caller, IClock clock)
    : IRequestHandler<ListSessionsQuery, PagedResult<SessionDto>>
{
    public async Task<PagedResult<SessionDto>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var page = await sessions.ListUsableAsync(caller.UserId!.Value, clock.UtcNow, request.Paging, cancellationToken);
        return new PagedResult<SessionDto>(page.Items.Select(s => s.ToDto(caller.SessionId)).ToList(), page.Page, page.Limit, page.Total);
    }
}
