using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Chat.Commands.CreateChatRoom;
using Veza.Application.Chat.Commands.DeleteChatMessage;
using Veza.Application.Chat.Commands.DeleteChatRoom;
using Veza.Application.Chat.Commands.EditChatMessage;
using Veza.Application.Chat.Commands.InviteToChatRoom;
using Veza.Application.Chat.Commands.JoinChatRoom;
using Veza.Application.Chat.Commands.LeaveChatRoom;
using Veza.Application.Chat.Commands.MarkDirectMessagesRead;
using Veza.Application.Chat.Commands.MarkRoomRead;
using Veza.Application.Chat.Commands.ModerateChatMember;
using Veza.Application.Chat.Commands.PinChatMessage;
using Veza.Application.Chat.Commands.ReactToChatMessage;
using Veza.Application.Chat.Commands.SetChatMemberRole;
using Veza.Application.Chat.Commands.UpdateChatRoom;
using Veza.Application.Chat.Queries.GetUnread;
using Veza.Application.Chat.Commands.SendDirectMessage;
using Veza.Application.Chat.Queries.GetDmHistory;
using Veza.Application.Chat.Queries.ListConversations;
using Veza.Application.Chat.Commands.SendChatMessage;
using Veza.Application.Chat.Queries.GetChatRoom;
using Veza.Application.Chat.Queries.GetRoomHistory;
using Veza.Application.Chat.Queries.ListChatMembers;
using Veza.Application.Chat.Queries.ListChatRooms;
using Veza.Application.Chat.Queries.ListPinnedMessages;
using Veza.Application.Chat;
using Veza.Application.Common.Models;
using Veza.Domain.Chat;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Chat;

/// <summary>Chat rooms and their messages over REST (issue 11). The hub sends the same commands; every change is broadcast to the room after it is stored.</summary>
public sealed class ChatEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/v1/chat").WithTags("Chat").RequireAuthorization();

        chat.MapGet("/rooms", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListChatRoomsQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListChatRooms")
            .WithSummary("Public rooms and the caller's private ones")
            .WithDescription("Most recently active first, each with member_count, online_count (members with a live hub connection on any node), unread_count, my_role (null when not a member) and last_message. Admins see every room. Paged.")
            .ProducesErrors(400, 401, 429);

        chat.MapPost("/rooms", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var room = await mediator.Send(StrictJson.Read<CreateChatRoomCommand>(body, json.Value.SerializerOptions), ct);
                return ApiResults.Created($"/api/v1/chat/rooms/{room.Id}", room, "Room created.");
            })
            .Accepts<CreateChatRoomCommand>("application/json")
            .WithName("CreateChatRoom")
            .WithSummary("Open a room; the caller owns it")
            .WithDescription($"name {ChatRules.NameMinLength}-{ChatRules.NameMaxLength} characters, unique whatever its case (taken: 409 on name); description at most {ChatRules.DescriptionMaxLength}; is_private (default false): a private room is seen and joined only by its members and whoever they invite; mask_profanity (default false): the configured words (Chat:ProfanityWords) are masked in messages as they are posted or edited (\"f***\").")
            .ProducesErrors(400, 401, 409, 413, 415, 429);

        chat.MapGet("/rooms/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetChatRoomQuery(id), ct)))
            .WithName("GetChatRoom")
            .WithSummary("A room")
            .WithDescription("A private room the caller is not a member of is 404, as one that does not exist.")
            .ProducesErrors(401, 404, 429);

        chat.MapPut("/rooms/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<UpdateChatRoomBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateChatRoomCommand(id, fields.Name, fields.Description, fields.IsPrivate, fields.MaskProfanity), ct), "Room updated.");
            })
            .Accepts<UpdateChatRoomBody>("application/json")
            .WithName("UpdateChatRoom")
            .WithSummary("Change a room's name, description, privacy or profanity masking (owner or room moderators)")
            .WithDescription("Fields present are changed, the others kept; an empty description clears it. A name taken by another room: 409. Other members: 403.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        chat.MapDelete("/rooms/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteChatRoomCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteChatRoom")
            .WithSummary("Delete a room and its messages (owner or admin)")
            .WithDescription("Others who can see the room: 403.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 429);

        chat.MapPost("/rooms/{id:guid}/join", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new JoinChatRoomCommand(id), ct), "Joined."))
            .WithName("JoinChatRoom")
            .WithSummary("Join a public room, or a private one you were invited to")
            .WithDescription("Joining twice is harmless. A private room without an invitation: 404. Banned from the room: 403. Members in the room hear a joined event.")
            .ProducesErrors(401, 403, 404, 409, 429);

        chat.MapPost("/rooms/{id:guid}/leave", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new LeaveChatRoomCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("LeaveChatRoom")
            .WithSummary("Leave a room")
            .WithDescription("Not a member: 404. The owner cannot leave (delete the room instead): 422 INVALID_STATE.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 404, 409, 422, 429);

        chat.MapGet("/rooms/{id:guid}/members", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListChatMembersQuery(id, PageRequest.From(page, limit)), ct)))
            .WithName("ListChatMembers")
            .WithSummary("A room's members and their roles (owner, moderator, member)")
            .WithDescription("Owner first, then moderators, then members by joining time. Paged.")
            .ProducesErrors(400, 401, 404, 429);

        chat.MapPost("/rooms/{id:guid}/invite", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<InviteToChatRoomBody>(body, json.Value.SerializerOptions);
                await mediator.Send(new InviteToChatRoomCommand(id, fields.UserId), ct);
                return Results.NoContent();
            })
            .Accepts<InviteToChatRoomBody>("application/json")
            .WithName("InviteToChatRoom")
            .WithSummary("Invite a user into a room (members)")
            .WithDescription("The invitation lets the user join a private room. Not a member: 403. Unknown user: 404. Already a member: 409.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        chat.MapGet("/rooms/{id:guid}/messages", async (Guid id, Guid? before, Guid? after, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetRoomHistoryQuery(id, before, after, limit), ct)))
            .WithName("GetChatRoomHistory")
            .WithSummary("A room's messages, by cursor")
            .WithDescription($"Messages in id (time) order. Without a cursor the newest page; before=<message id> the page just older; after=<message id> what came since (a client catching up after a reconnect misses nothing). limit 1-{ChatRules.MaxPage}, default {ChatRules.DefaultPage}. A deleted message keeps its place with content null and deleted true. Each message carries reactions [{{emoji, count, reacted_by_me}}], pinned_at, and for the room's moderators and admins previous_content (the text before the last edit).")
            .ProducesErrors(400, 401, 404, 429);

        chat.MapPost("/rooms/{id:guid}/messages", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<SendChatMessageBody>(body, json.Value.SerializerOptions);
                var message = await mediator.Send(new SendChatMessageCommand(id, fields.Content, fields.ClientMessageId, fields.ReplyToId, fields.TrackId), ct);
                return ApiResults.Created($"/api/v1/chat/messages/{message.Id}", message, "Message sent.");
            })
            .Accepts<SendChatMessageBody>("application/json")
            .DocumentsVerifiedEmailRequirement()
            .WithName("SendChatMessage")
            .WithSummary("Post a message to a room (members)")
            .WithDescription($"content 1-{ChatRules.MessageMaxLength} characters after trimming; client_message_id (1-{ChatRules.ClientMessageIdMaxLength}) chosen by the client: sending it again answers the first message instead of a duplicate; reply_to_id a message of the same room; track_id a track the sender may see (400 otherwise): readers who may see it get its title, artist, duration and artwork in track. Stored, then broadcast as a message event to the room. Not a member: 403 (join first); muted: 403. Sending limit per user (Chat:SendBurst, Chat:SendPerMinute; 5 in 5 seconds and 60 a minute by default), shared with direct messages and across nodes: 429 RATE_LIMITED.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        chat.MapPut("/messages/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<EditChatMessageBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new EditChatMessageCommand(id, fields.Content), ct), "Message edited.");
            })
            .Accepts<EditChatMessageBody>("application/json")
            .WithName("EditChatMessage")
            .WithSummary("Rewrite a message (its author)")
            .WithDescription("Marked edited (edited_at); the previous text is kept for moderators. Broadcast as message_edited. Others: 403; a deleted message: 422 INVALID_STATE.")
            .ProducesErrors(400, 401, 403, 404, 413, 415, 422, 429);

        chat.MapDelete("/messages/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteChatMessageCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteChatMessage")
            .WithSummary("Delete a message (its author or a room moderator)")
            .WithDescription("Soft: the history keeps its place with content null. Broadcast as message_deleted. Others: 403; already deleted: 422 INVALID_STATE.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 422, 429);

        chat.MapPost("/messages/{id:guid}/reactions/{emoji}", async (Guid id, string emoji, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ReactToChatMessageCommand(id, emoji, Add: true), ct), "Reaction added."))
            .WithName("AddChatReaction")
            .WithSummary("React to a message with an emoji (members)")
            .WithDescription("emoji: one emoji, URL-encoded (a skin tone or ZWJ sequence counts as one). Adding it again changes nothing. Answers {emoji, count, reacted_by_me}; the room hears a reaction event {message_id, room_id, user_id, emoji, count, added}. Not a member or muted: 403; a deleted message: 422 INVALID_STATE; not an emoji: 400.")
            .ProducesErrors(400, 401, 403, 404, 409, 422, 429);

        chat.MapDelete("/messages/{id:guid}/reactions/{emoji}", async (Guid id, string emoji, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ReactToChatMessageCommand(id, emoji, Add: false), ct), "Reaction removed."))
            .WithName("RemoveChatReaction")
            .WithSummary("Take back your reaction")
            .WithDescription("Removing a reaction that is not there changes nothing. Answers {emoji, count, reacted_by_me: false}; the room hears a reaction event with added false.")
            .ProducesErrors(400, 401, 403, 404, 409, 422, 429);

        foreach (var pin in new[] { true, false })
        {
            chat.MapMethods("/messages/{id:guid}/pin", [pin ? HttpMethods.Post : HttpMethods.Delete], async (Guid id, IMediator mediator, CancellationToken ct) =>
                    ApiResults.Ok(await mediator.Send(new PinChatMessageCommand(id, pin), ct), pin ? "Message pinned." : "Message unpinned."))
                .WithName(pin ? "PinChatMessage" : "UnpinChatMessage")
                .WithSummary(pin ? "Pin a message (room moderators)" : "Unpin a message (room moderators)")
                .WithDescription(pin
                    ? $"Pinning twice keeps the first pin. At most {ChatRules.MaxPinsPerRoom} per room: 422 INVALID_STATE (too_many_pins); a deleted message: 422. The room hears message_pinned {{message_id, room_id, by_user_id, pinned_at}}. Others: 403."
                    : "Unpinning a message that is not pinned changes nothing. The room hears message_unpinned. Others: 403.")
                .ProducesErrors(401, 403, 404, 409, 422, 429);
        }

        chat.MapGet("/rooms/{id:guid}/pins", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new ListPinnedMessagesQuery(id), ct)))
            .WithName("ListChatPins")
            .WithSummary("A room's pinned messages")
            .WithDescription($"The most recently pinned first (at most {ChatRules.MaxPinsPerRoom}).")
            .ProducesErrors(401, 404, 429);

        chat.MapPost("/rooms/{id:guid}/read", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<MarkReadBody>(body, json.Value.SerializerOptions);
                await mediator.Send(new MarkRoomReadCommand(id, fields.LastReadMessageId), ct);
                return Results.NoContent();
            })
            .Accepts<MarkReadBody>("application/json")
            .WithName("MarkChatRoomRead")
            .WithSummary("Mark a room read up to one of its messages (members)")
            .WithDescription("Others' messages after it count as unread (unread_count of the room, GET /chat/unread). The room hears a read event {room_id, user_id, last_read_message_id}. A message of another room: 400. Not a member: 403.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        chat.MapPost("/rooms/{id:guid}/members/{userId:guid}/mute", async (Guid id, Guid userId, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<MuteBody>(body, json.Value.SerializerOptions);
                await mediator.Send(new ModerateChatMemberCommand(id, userId, ModerationAction.Mute, fields.Minutes), ct);
                return Results.NoContent();
            })
            .Accepts<MuteBody>("application/json")
            .WithName("MuteChatMember")
            .WithSummary("Mute a member for a while (room moderators)")
            .WithDescription($"minutes 1-{ModerateChatMemberCommandValidator.MaxMuteMinutes}: until then their messages are refused with 403. A moderator acts on members, the owner on moderators too; anyone else, or on an equal: 403. Not a member: 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        foreach (var (action, name) in new[] { (ModerationAction.Kick, "kick"), (ModerationAction.Ban, "ban") })
        {
            chat.MapPost($"/rooms/{{id:guid}}/members/{{userId:guid}}/{name}", async (Guid id, Guid userId, IMediator mediator, CancellationToken ct) =>
                {
                    await mediator.Send(new ModerateChatMemberCommand(id, userId, action), ct);
                    return Results.NoContent();
                })
                .WithName(action == ModerationAction.Kick ? "KickChatMember" : "BanChatMember")
                .WithSummary(action == ModerationAction.Kick ? "Put a member out of the room; they may join again (room moderators)" : "Put a user out of the room for good (room moderators)")
                .WithDescription("The room hears a left event. A moderator acts on members, the owner on moderators too; anyone else, or on an equal: 403." +
                    (action == ModerationAction.Ban ? " A banned user's join is refused with 403; banning someone not in the room bans them ahead." : " Not a member: 404."))
                .Produces(StatusCodes.Status204NoContent)
                .ProducesErrors(401, 403, 404, 409, 429);
        }

        chat.MapPut("/rooms/{id:guid}/members/{userId:guid}/role", async (Guid id, Guid userId, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<RoleBody>(body, json.Value.SerializerOptions);
                await mediator.Send(new SetChatMemberRoleCommand(id, userId, fields.Role), ct);
                return Results.NoContent();
            })
            .Accepts<RoleBody>("application/json")
            .WithName("SetChatMemberRole")
            .WithSummary("Make a member a moderator, or a moderator a member (the owner)")
            .WithDescription("role: moderator | member. Others: 403. Not a member: 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        chat.MapGet("/unread", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetUnreadQuery(), ct)))
            .WithName("GetChatUnread")
            .WithSummary("The caller's unread counts")
            .WithDescription("rooms: [{room_id, count}] for the rooms with unread messages (others' messages after the caller's read marker), conversations: [{user_id, count}] of unread direct messages, total.")
            .ProducesErrors(401, 429);

        chat.MapGet("/conversations", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListConversationsQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListConversations")
            .WithSummary("The caller's direct-message conversations")
            .WithDescription("Most recent first, each with the other user (with), the last message either way and unread_count (their messages the caller has not marked read). Paged.")
            .ProducesErrors(400, 401, 429);

        chat.MapGet("/dm/{userId:guid}", async (Guid userId, Guid? before, Guid? after, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetDmHistoryQuery(userId, before, after, limit), ct)))
            .WithName("GetDmHistory")
            .WithSummary("The conversation with a user, by cursor")
            .WithDescription($"In id (time) order: the newest page without a cursor, before=<id> older, after=<id> what came since. limit 1-{ChatRules.MaxPage}, default {ChatRules.DefaultPage}. read_at is set once the recipient marked the message read.")
            .ProducesErrors(400, 401, 429);

        chat.MapPost("/dm/{userId:guid}", async (Guid userId, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<SendDirectMessageBody>(body, json.Value.SerializerOptions);
                var message = await mediator.Send(new SendDirectMessageCommand(userId, fields.Content, fields.ClientMessageId), ct);
                return ApiResults.Created($"/api/v1/chat/dm/{userId}", message, "Message sent.");
            })
            .Accepts<SendDirectMessageBody>("application/json")
            .DocumentsVerifiedEmailRequirement()
            .WithName("SendDirectMessage")
            .WithSummary("Send a direct message")
            .WithDescription($"content 1-{ChatRules.MessageMaxLength} characters after trimming; client_message_id makes a retry idempotent. The recipient's privacy preference decides who may write (everyone, people they follow, nobody) and a block either way refuses: 403 DM_NOT_ALLOWED. Unknown or deleted user: 404; yourself: 400. Delivered as a dm event to both users' connections. The sending limit is shared with rooms: 429 RATE_LIMITED.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        chat.MapPost("/dm/{userId:guid}/read", async (Guid userId, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<MarkReadBody>(body, json.Value.SerializerOptions);
                await mediator.Send(new MarkDirectMessagesReadCommand(userId, fields.LastReadMessageId), ct);
                return Results.NoContent();
            })
            .Accepts<MarkReadBody>("application/json")
            .WithName("MarkDirectMessagesRead")
            .WithSummary("Mark a user's messages read up to one")
            .WithDescription("Every message from that user up to last_read_message_id gets read_at; the sender hears a read event {user_id, last_read_message_id}.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(400, 401, 413, 415, 429);
    }
}

public sealed record InviteToChatRoomBody(Guid UserId);

public sealed record SendChatMessageBody(string Content, string ClientMessageId, Guid? ReplyToId = null, Guid? TrackId = null);

public sealed record EditChatMessageBody(string Content);

public sealed record SendDirectMessageBody(string Content, string ClientMessageId);

public sealed record MarkReadBody(Guid LastReadMessageId);

public sealed record MuteBody(int Minutes);

public sealed record UpdateChatRoomBody(string? Name = null, string? Description = null, bool? IsPrivate = null, bool? MaskProfanity = null);

public sealed record RoleBody(string Role);
