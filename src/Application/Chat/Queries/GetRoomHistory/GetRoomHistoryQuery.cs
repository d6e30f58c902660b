using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.GetRoomHistory;

/// <summary>
/// A readable room's messages in id (time) order: the newest page without a cursor, older ones with
/// <paramref name="Before"/>, and what came after <paramref name="After"/> for a client catching up after a
/// reconnect. limit 1 to 200, default 50. The hub's GetRoomHistory sends the same query.
/// </summary>
[Authorize]
public sealed record GetRoomHistoryQuery(Guid RoomId, Guid? Before = null, Guid? After = null, int? Limit = null) : IQuery<IReadOnlyList<ChatMessageDto>>;

public sealed class GetRoomHistoryQueryValidator : AbstractValidator<GetRoomHistoryQuery>
{
    public GetRoomHistoryQueryValidator() => this.HistoryCursor(q => q.Limit, q => q.Before, q => q.After);
}

public sealed class GetRoomHistoryQueryHandler(IChatRoomRepository rooms, IChatReadModel readModel, ICurrentUser caller)
    : IRequestHandler<GetRoomHistoryQuery, IReadOnlyList<ChatMessageDto>>
{
    public async Task<IReadOnlyList<ChatMessageDto>> Handle(GetRoomHistoryQuery request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        return await readModel.ListMessagesAsync(room.Id, request.Before, request.After, request.Limit ?? ChatRules.DefaultPage, ChatAccess.ViewerOf(room, caller), cancellationToken);
    }
}
