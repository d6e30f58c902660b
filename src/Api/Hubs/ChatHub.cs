using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Veza.Api.Security;
using Veza.Application.Chat;
using Veza.Application.Chat.Commands.DeleteChatMessage;
using Veza.Application.Chat.Commands.EditChatMessage;
using Veza.Application.Chat.Commands.JoinChatRoom;
using Veza.Application.Chat.Commands.LeaveChatRoom;
using Veza.Application.Chat.Commands.MarkDirectMessagesRead;
using Veza.Application.Chat.Commands.MarkRoomRead;
using Veza.Application.Chat.Commands.SendDirectMessage;
using Veza.Application.Chat.Commands.SignalTyping;
using Veza.Application.Chat.Presence;
using Veza.Application.Chat.Queries.GetDmHistory;
using Veza.Application.Chat.Commands.SendChatMessage;
using Veza.Application.Chat.Queries.GetRoomHistory;
using Veza.Application.Common.ReadModels;

namespace Veza.Api.Hubs;

/// <summary>
/// The real-time chat hub (/hubs/chat, ARCHITECTURE.md's real-time contract): each method takes one
/// snake_case object and sends the same command or query as the REST routes; the answer is the
/// invocation's completion, and a refusal fails it with "CODE: message" (<see cref="HubErrorFilter"/>).
/// A connection hears its user's events and those of every room its user is a member of.
/// </summary>
[Authorize]
public sealed class ChatHub(IMediator mediator, IChatReadModel chat, HubConnections connections) : Hub
{
    public const string Path = "/hubs/chat";

    public static string UserGroup(Guid userId) => $"user:{userId:N}";

    public static string RoomGroup(Guid roomId) => $"room:{roomId:N}";

    public override async Task OnConnectedAsync()
    {
        var userId = Context.User!.UserId()!.Value;
        connections.Add(Context.User!.SessionId()!.Value, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(userId), Context.ConnectionAborted);
        foreach (var roomId in await chat.RoomIdsOfAsync(userId, Context.ConnectionAborted))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RoomGroup(roomId), Context.ConnectionAborted);
        }

        await mediator.Send(new TrackConnectionCommand(Context.ConnectionId, Connected: true), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        // The connection is gone: its token is cancelled, the presence change must still go out.
        return mediator.Send(new TrackConnectionCommand(Context.ConnectionId, Connected: false), CancellationToken.None);
    }

    public async Task<ChatRoomDto> JoinRoom(RoomArgs args)
    {
        var room = await mediator.Send(new JoinChatRoomCommand(args.RoomId), Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomGroup(args.RoomId), Context.ConnectionAborted);
        return room;
    }

    public async Task LeaveRoom(RoomArgs args)
    {
        await mediator.Send(new LeaveChatRoomCommand(args.RoomId), Context.ConnectionAborted);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomGroup(args.RoomId), Context.ConnectionAborted);
    }

    public Task<ChatMessageDto> SendMessage(SendMessageArgs args) =>
        mediator.Send(new SendChatMessageCommand(args.RoomId, args.Content ?? string.Empty, args.ClientMessageId ?? string.Empty, args.ReplyToId, args.TrackId), Context.ConnectionAborted);

    public Task<ChatMessageDto> EditMessage(EditMessageArgs args) =>
        mediator.Send(new EditChatMessageCommand(args.MessageId, args.Content ?? string.Empty), Context.ConnectionAborted);

    public Task DeleteMessage(MessageArgs args) => mediator.Send(new DeleteChatMessageCommand(args.MessageId), Context.ConnectionAborted);

    public Task<IReadOnlyList<ChatMessageDto>> GetRoomHistory(RoomHistoryArgs args) =>
        mediator.Send(new GetRoomHistoryQuery(args.RoomId, args.Before, args.After, args.Limit), Context.ConnectionAborted);

    public Task<DirectMessageDto> SendDirectMessage(DirectMessageArgs args) =>
        mediator.Send(new SendDirectMessageCommand(args.UserId, args.Content ?? string.Empty, args.ClientMessageId ?? string.Empty), Context.ConnectionAborted);

    public Task<IReadOnlyList<DirectMessageDto>> GetDmHistory(DmHistoryArgs args) =>
        mediator.Send(new GetDmHistoryQuery(args.UserId, args.Before, args.After, args.Limit), Context.ConnectionAborted);

    /// <summary>Typing in a room ({room_id}) or to a user ({user_id}); throttled, never stored.</summary>
    public Task Typing(TypingArgs args) => mediator.Send(new SignalTypingCommand(args.RoomId, args.UserId), Context.ConnectionAborted);

    /// <summary>The caller's status: {status: away | online} (offline is disconnecting).</summary>
    public Task SetStatus(StatusArgs args) => mediator.Send(new SetPresenceStatusCommand(args.Status ?? string.Empty), Context.ConnectionAborted);

    /// <summary>Read receipts: of a room ({room_id, last_read_message_id}) or of a conversation ({user_id, last_read_message_id}).</summary>
    public Task MarkRead(MarkReadArgs args) => args.RoomId is { } roomId
        ? mediator.Send(new MarkRoomReadCommand(roomId, args.LastReadMessageId), Context.ConnectionAborted)
        : mediator.Send(new MarkDirectMessagesReadCommand(args.UserId ?? Guid.Empty, args.LastReadMessageId), Context.ConnectionAborted);
}

public sealed record RoomArgs(Guid RoomId);

public sealed record StatusArgs(string? Status);

public sealed record SendMessageArgs(Guid RoomId, string? Content, string? ClientMessageId, Guid? ReplyToId = null, Guid? TrackId = null);

public sealed record EditMessageArgs(Guid MessageId, string? Content);

public sealed record MessageArgs(Guid MessageId);

public sealed record TypingArgs(Guid? RoomId = null, Guid? UserId = null);

public sealed record DirectMessageArgs(Guid UserId, string? Content, string? ClientMessageId);

public sealed record DmHistoryArgs(Guid UserId, Guid? Before = null, Guid? After = null, int? Limit = null);

public sealed record MarkReadArgs(Guid LastReadMessageId, Guid? RoomId = null, Guid? UserId = null);

public sealed record RoomHistoryArgs(Guid RoomId, Guid? Before = null, Guid? After = null, int? Limit = null);
