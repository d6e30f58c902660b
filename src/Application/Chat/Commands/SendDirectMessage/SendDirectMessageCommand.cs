using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Chat.Commands.SendDirectMessage;

/// <summary>
/// A direct message to another user, if they take them from the caller (their privacy preference: everyone,
/// people they follow, or nobody; and no block either way: else 403 DM_NOT_ALLOWED). Stored, then delivered
/// as a <c>dm</c> event to both users' connections; a repeated client_message_id answers the first message.
/// </summary>
[Authorize]
public sealed record SendDirectMessageCommand(Guid UserId, string Content, string ClientMessageId) : ICommand<DirectMessageDto>, IRequiresVerifiedEmail;
