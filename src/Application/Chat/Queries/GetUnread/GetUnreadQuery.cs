using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.GetUnread;

/// <summary>The caller's unread counts per room, per conversation and in all.</summary>
[Authorize]
public sealed record GetUnreadQuery : IQuery<UnreadDto>;

public sealed class GetUnreadQueryHandler(IChatReadModel readModel, ICurrentUser caller) : IRequestHandler<GetUnreadQuery, UnreadDto>
{
    public Task<UnreadDto> Handle(GetUnreadQuery request, CancellationToken cancellationToken) => readModel.UnreadAsync(caller.UserId!.Value, cancellationToken);
}
