using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.ListConversations;

/// <summary>The caller's conversations, most recent first, each with the other user, the last message and the unread count.</summary>
[Authorize]
public sealed record ListConversationsQuery(PageRequest Paging) : IQuery<PagedResult<ConversationDto>>, IPagedQuery;

public sealed class ListConversationsQueryHandler(IChatReadModel readModel, ICurrentUser caller) : IRequestHandler<ListConversationsQuery, PagedResult<ConversationDto>>
{
    public Task<PagedResult<ConversationDto>> Handle(ListConversationsQuery request, CancellationToken cancellationToken) =>
        readModel.ListConversationsAsync(caller.UserId!.Value, request.Paging, cancellationToken);
}
