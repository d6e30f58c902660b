using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Chat.Commands.CreateChatRoom;

/// <summary>Opens a room with the caller as its owner. The name is unique whatever its case; <paramref name="MaskProfanity"/> masks the configured words in its messages.</summary>
[Authorize]
public sealed record CreateChatRoomCommand(string Name, string? Description = null, bool IsPrivate = false, bool MaskProfanity = false) : ICommand<ChatRoomDto>;
