using System.Text.RegularExpressions;
using Veza.Application.Notifications;
using Veza.Domain.Chat;
using Veza.Domain.Users;

namespace Veza.Application.Chat;

/// <summary>The <c>mention</c> notification: who mentioned the user, where, and the start of the message.</summary>
public sealed record MentionNotification(Guid RoomId, string RoomName, Guid MessageId, ChatUserDto Author, string Excerpt);

/// <summary>
/// <c>@username</c> in a room message notifies that user (stored and live, as their preferences allow) when
/// they may read the room; the author is never notified of themself; at most ten names per message.
/// </summary>
public sealed partial class ChatMentions(IUserRepository users, IChatRoomRepository rooms, IUserNotifier notifier)
{
    public const string Kind = "mention";
    private const int MaxPerMessage = 10;
    private const int ExcerptLength = 140;

    public async Task NotifyAsync(ChatRoom room, ChatMessageDto message, CancellationToken cancellationToken)
    {
        var names = Mention().Matches(message.Content ?? string.Empty).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Take(MaxPerMessage).ToList();
        var mentioned = new List<User>();
        foreach (var name in names)
        {
            if (await users.FindByLoginAsync(name, cancellationToken) is { } user && user.Id != message.Author.Id && user.Status != AccountStatus.Deleted)
            {
                mentioned.Add(user);
            }
        }

        // Who may read the room: anyone for a public room, its members for a private one.
        var members = room.IsPrivate && mentioned.Count > 0 ? await rooms.MembersAmongAsync(room.Id, [.. mentioned.Select(u => u.Id)], cancellationToken) : null;
        foreach (var user in mentioned.Where(u => members is null || members.Contains(u.Id)))
        {
            var excerpt = message.Content!.Length <= ExcerptLength ? message.Content : message.Content[..ExcerptLength];
            await notifier.NotifyAsync(user.Id, Kind, new MentionNotification(room.Id, room.Name, message.Id, message.Author, excerpt), cancellationToken);
        }
    }

    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9_]{3,30})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
