using MediatR;
using Veza.Application.Common.Security;

namespace Veza.Application.Chat.Commands.SendChatMessage;

/// <summary>
/// Posts to a room the caller is a member of: content 1 to 4,000 characters after trimming, stored before
/// it is broadcast as <c>message</c>; a repeated <paramref name="ClientMessageId"/> from the same user
/// answers the first message instead of storing a second. It may reply to a message of the room and
/// point at a track the sender may see. The hub's SendMessage sends the same command.
/// Not an <c>ICommand</c>: the handler runs its own short transaction once the room's turn is its
/// (docs/decisions/0030), so waiting for the turn holds no database connection.
/// </summary>
[Authorize]
public sealed record SendChatMessageCommand(Guid RoomId, string Content, string ClientMessageId, Guid? ReplyToId = null, Guid? TrackId = null) : IRequest<ChatMessageDto>, IRequiresVerifiedEmail;
