using Microsoft.EntityFrameworkCore;
using Veza.Application.Chat;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks;
using Veza.Application.Users.Avatars;
using Veza.Domain.Chat;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Chat;

/// <summary>Chat's read side: one message projection (<see cref="Messages"/>) for history, the last message of a room and single messages.</summary>
internal sealed class ChatReadModel(VezaDbContext db) : IChatReadModel
{
    private IQueryable<ChatRoom> Rooms => db.Set<ChatRoom>().AsNoTracking();

    public Task<IReadOnlyList<ChatRoomActivity>> PublicRoomsByActivityAsync(CancellationToken cancellationToken) =>
        ByActivityAsync(Rooms.Where(r => !r.IsPrivate), cancellationToken);

    public Task<IReadOnlyList<ChatRoomActivity>> PrivateRoomsByActivityAsync(Guid viewerId, bool viewerIsAdmin, CancellationToken cancellationToken)
    {
        var members = db.Set<ChatMember>();
        return ByActivityAsync(Rooms.Where(r => r.IsPrivate && (viewerIsAdmin || members.Any(m => m.RoomId == r.Id && m.UserId == viewerId))), cancellationToken);
    }

    public async Task<ChatRoomDto?> FindRoomAsync(Guid roomId, Guid viewerId, CancellationToken cancellationToken) =>
        (await ProjectAsync([roomId], viewerId, cancellationToken)).GetValueOrDefault(roomId);

    public async Task<IReadOnlyList<ChatRoomDto>> FindRoomsAsync(IReadOnlyList<Guid> roomIds, Guid viewerId, CancellationToken cancellationToken)
    {
        var found = await ProjectAsync(roomIds, viewerId, cancellationToken);
        return [.. roomIds.Where(found.ContainsKey).Select(id => found[id])];
    }

    public async Task<PagedResult<ChatMemberDto>> ListMembersAsync(Guid roomId, PageRequest paging, CancellationToken cancellationToken)
    {
        var members = db.Set<ChatMember>().AsNoTracking().Where(m => m.RoomId == roomId);
        var total = await members.LongCountAsync(cancellationToken);
        var rows = await members.OrderByDescending(m => m.Role).ThenBy(m => m.JoinedAt).ThenBy(m => m.UserId)
            .Skip(paging.Offset).Take(paging.Limit)
            .Select(m => new
            {
                m.UserId,
                Username = db.Users.Where(u => u.Id == m.UserId).Select(u => u.Username).First(),
                Avatar = db.UserAvatars.Where(a => a.Id == m.UserId).Select(a => (Guid?)a.Version).FirstOrDefault(),
                m.Role,
                m.JoinedAt,
            })
            .ToListAsync(cancellationToken);
        return new PagedResult<ChatMemberDto>([.. rows.Select(r => new ChatMemberDto(User(r.UserId, r.Username, r.Avatar), r.Role.ToName(), r.JoinedAt))], paging.Page, paging.Limit, total);
    }

    public async Task<IReadOnlyList<ChatMessageDto>> ListMessagesAsync(Guid roomId, Guid? before, Guid? after, int limit, ChatViewer viewer, CancellationToken cancellationToken) =>
        await WithReactionsAsync(
            await ByCursorAsync(db.Set<ChatMessage>().AsNoTracking().Where(m => m.RoomId == roomId), q => Messages(q, viewer), m => m, before, after, limit, cancellationToken),
            viewer, cancellationToken);

    public async Task<ChatMessageDto?> FindMessageAsync(Guid messageId, ChatViewer viewer, CancellationToken cancellationToken)
    {
        var found = await WithReactionsAsync(await Messages(db.Set<ChatMessage>().AsNoTracking().Where(m => m.Id == messageId), viewer).ToListAsync(cancellationToken), viewer, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<ChatMessageDto>> ListPinnedAsync(Guid roomId, ChatViewer viewer, CancellationToken cancellationToken) =>
        await WithReactionsAsync(
            await Messages(db.Set<ChatMessage>().AsNoTracking().Where(m => m.RoomId == roomId && m.PinnedAt != null).OrderByDescending(m => m.PinnedAt).ThenByDescending(m => m.Id), viewer)
                .Take(ChatRules.MaxPinsPerRoom).ToListAsync(cancellationToken),
            viewer, cancellationToken);

    public Task<long> CountReactionsAsync(Guid messageId, string emoji, CancellationToken cancellationToken) =>
        db.Set<ChatReaction>().LongCountAsync(r => r.MessageId == messageId && r.Emoji == emoji, cancellationToken);

    public async Task<PagedResult<ConversationDto>> ListConversationsAsync(Guid userId, PageRequest paging, CancellationToken cancellationToken)
    {
        // The last message of each conversation: one row per other user (DISTINCT ON over the pair index).
        var lasts = await db.Database.SqlQuery<ConversationRow>(
            $"""
            SELECT DISTINCT ON (other) other AS "Other", id AS "LastId"
            FROM (SELECT CASE WHEN sender_id = {userId} THEN recipient_id ELSE sender_id END AS other, id
                  FROM chat_direct_messages WHERE sender_id = {userId} OR recipient_id = {userId}) AS mine
            ORDER BY other, id DESC
            """).ToListAsync(cancellationToken);
        var page = lasts.OrderByDescending(r => r.LastId.ToString()).Skip(paging.Offset).Take(paging.Limit).ToList();
        var ids = page.Select(r => r.LastId).ToList();
        var others = page.Select(r => r.Other).ToList();
        var messages = (await DirectMessages(db.Set<DirectMessage>().AsNoTracking().Where(m => ids.Contains(m.Id))).ToListAsync(cancellationToken)).ToDictionary(m => m.Id);
        var users = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id))
            .Select(u => new { u.Id, u.Username, Avatar = db.UserAvatars.Where(a => a.Id == u.Id).Select(a => (Guid?)a.Version).FirstOrDefault() })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var unread = await db.Set<DirectMessage>().AsNoTracking()
            .Where(m => m.RecipientId == userId && m.ReadAt == null && others.Contains(m.SenderId))
            .GroupBy(m => m.SenderId).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new PagedResult<ConversationDto>(
            [.. page.Select(r => new ConversationDto(User(r.Other, users[r.Other].Username, users[r.Other].Avatar), messages[r.LastId].ToDto(), unread.GetValueOrDefault(r.Other)))],
            paging.Page, paging.Limit, lasts.Count);
    }

    public Task<IReadOnlyList<DirectMessageDto>> ListDirectMessagesAsync(Guid userId, Guid otherId, Guid? before, Guid? after, int limit, CancellationToken cancellationToken) =>
        ByCursorAsync(
            db.Set<DirectMessage>().AsNoTracking().Where(m => (m.SenderId == userId && m.RecipientId == otherId) || (m.SenderId == otherId && m.RecipientId == userId)),
            DirectMessages, m => m.ToDto(), before, after, limit, cancellationToken);

    public async Task<DirectMessageDto?> FindDirectMessageAsync(Guid messageId, CancellationToken cancellationToken) =>
        (await DirectMessages(db.Set<DirectMessage>().AsNoTracking().Where(m => m.Id == messageId)).FirstOrDefaultAsync(cancellationToken))?.ToDto();

    public async Task<UnreadDto> UnreadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rooms = await db.Set<ChatMember>().AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new RoomUnreadDto(
                m.RoomId,
                db.Set<ChatMessage>().LongCount(x => x.RoomId == m.RoomId && x.AuthorId != userId && x.DeletedAt == null
                    && (m.LastReadMessageId == null || x.Id.CompareTo(m.LastReadMessageId.Value) > 0))))
            .ToListAsync(cancellationToken);
        var conversations = await db.Set<DirectMessage>().AsNoTracking()
            .Where(m => m.RecipientId == userId && m.ReadAt == null)
            .GroupBy(m => m.SenderId).Select(g => new ConversationUnreadDto(g.Key, g.LongCount()))
            .ToListAsync(cancellationToken);
        var unreadRooms = rooms.Where(r => r.Count > 0).ToList();
        return new UnreadDto(unreadRooms, conversations, unreadRooms.Sum(r => r.Count) + conversations.Sum(c => c.Count));
    }

    public async Task<IReadOnlyList<Guid>> ConversationPartnersAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<DirectMessage>().AsNoTracking()
            .Where(m => m.SenderId == userId || m.RecipientId == userId)
            .Select(m => m.SenderId == userId ? m.RecipientId : m.SenderId)
            .Distinct()
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, Guid[]>> MemberIdsAsync(IReadOnlyCollection<Guid> roomIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ChatMember>().AsNoTracking().Where(m => roomIds.Contains(m.RoomId)).Select(m => new { m.RoomId, m.UserId }).ToListAsync(cancellationToken);
        return roomIds.ToDictionary(id => id, id => rows.Where(r => r.RoomId == id).Select(r => r.UserId).ToArray());
    }

    public async Task<ChatUserDto?> FindChatUserAsync(Guid userId, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Username, Avatar = db.UserAvatars.Where(a => a.Id == u.Id).Select(a => (Guid?)a.Version).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .Select(u => User(u.Id, u.Username, u.Avatar)).FirstOrDefault();

    public async Task<IReadOnlyList<Guid>> RoomIdsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<ChatMember>().AsNoTracking().Where(m => m.UserId == userId).Select(m => m.RoomId).ToListAsync(cancellationToken);

    /// <summary>
    /// The one cursor rule of room and direct history: at most <paramref name="limit"/> messages in id (time)
    /// order, the newest without a cursor, those just before <paramref name="before"/>, or just after <paramref name="after"/>.
    /// </summary>
    private static async Task<IReadOnlyList<TDto>> ByCursorAsync<TEntity, TRow, TDto>(
        IQueryable<TEntity> messages, Func<IQueryable<TEntity>, IQueryable<TRow>> project, Func<TRow, TDto> toDto, Guid? before, Guid? after, int limit,
        CancellationToken cancellationToken)
        where TEntity : Domain.Common.Entity
    {
        if (after is { } from)
        {
            return [.. (await project(messages.Where(m => m.Id.CompareTo(from) > 0).OrderBy(m => m.Id).Take(limit)).ToListAsync(cancellationToken)).Select(toDto)];
        }

        if (before is { } until)
        {
            messages = messages.Where(m => m.Id.CompareTo(until) < 0);
        }

        var newestFirst = await project(messages.OrderByDescending(m => m.Id).Take(limit)).ToListAsync(cancellationToken);
        return [.. Enumerable.Reverse(newestFirst).Select(toDto)];
    }

    /// <summary>A room's activity is its newest message, else its creation; ties by id, as the room list pages.</summary>
    private async Task<IReadOnlyList<ChatRoomActivity>> ByActivityAsync(IQueryable<ChatRoom> rooms, CancellationToken cancellationToken) =>
        await rooms
            .Select(r => new { r.Id, LastActivity = db.Set<ChatMessage>().Where(m => m.RoomId == r.Id).Max(m => (DateTimeOffset?)m.CreatedAt) ?? r.CreatedAt })
            .OrderByDescending(r => r.LastActivity)
            .ThenByDescending(r => r.Id)
            .Select(r => new ChatRoomActivity(r.Id, r.LastActivity))
            .ToListAsync(cancellationToken);

    private async Task<Dictionary<Guid, ChatRoomDto>> ProjectAsync(IReadOnlyList<Guid> ids, Guid viewerId, CancellationToken cancellationToken)
    {
        var rows = await Rooms.Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.Name,
                r.Description,
                r.IsPrivate,
                r.OwnerId,
                OwnerName = db.Users.Where(u => u.Id == r.OwnerId).Select(u => u.Username).First(),
                OwnerAvatar = db.UserAvatars.Where(a => a.Id == r.OwnerId).Select(a => (Guid?)a.Version).FirstOrDefault(),
                MemberCount = db.Set<ChatMember>().LongCount(m => m.RoomId == r.Id),
                MyRole = db.Set<ChatMember>().Where(m => m.RoomId == r.Id && m.UserId == viewerId).Select(m => (ChatRole?)m.Role).FirstOrDefault(),
                Unread = db.Set<ChatMember>().Where(m => m.RoomId == r.Id && m.UserId == viewerId)
                    .Select(m => db.Set<ChatMessage>().LongCount(x => x.RoomId == r.Id && x.AuthorId != viewerId && x.DeletedAt == null
                        && (m.LastReadMessageId == null || x.Id.CompareTo(m.LastReadMessageId.Value) > 0)))
                    .FirstOrDefault(),
                LastMessageId = db.Set<ChatMessage>().Where(m => m.RoomId == r.Id).OrderByDescending(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefault(),
                r.CreatedAt,
                r.MaskProfanity,
            })
            .ToListAsync(cancellationToken);
        var lastIds = rows.Where(r => r.LastMessageId is not null).Select(r => r.LastMessageId!.Value).ToList();
        var viewer = new ChatViewer(viewerId, false, false);
        var last = (await WithReactionsAsync(await Messages(db.Set<ChatMessage>().AsNoTracking().Where(m => lastIds.Contains(m.Id)), viewer).ToListAsync(cancellationToken), viewer, cancellationToken))
            .ToDictionary(m => m.Id);
        return rows.ToDictionary(r => r.Id, r => new ChatRoomDto(
            r.Id, r.Name, r.Description, r.IsPrivate, User(r.OwnerId, r.OwnerName, r.OwnerAvatar), r.MemberCount, r.MyRole?.ToName(),
            r.LastMessageId is { } lastId ? last.GetValueOrDefault(lastId) : null, r.CreatedAt, r.Unread, MaskProfanity: r.MaskProfanity));
    }

    /// <summary>
    /// The one message projection: author with avatar, content hidden once deleted, the track when the
    /// viewer may see it, the text before an edit for those who moderate the room.
    /// </summary>
    private IQueryable<MessageRow> Messages(IQueryable<ChatMessage> messages, ChatViewer viewer)
    {
        var visibleTracks = db.Set<Track>().Where(TrackAccess.VisibleTo(viewer.UserId, viewer.IsAdmin));
        var seesPrevious = viewer.Moderates;
        return messages.Select(m => new MessageRow(
            m.Id,
            m.RoomId,
            m.AuthorId,
            db.Users.Where(u => u.Id == m.AuthorId).Select(u => u.Username).First(),
            db.UserAvatars.Where(a => a.Id == m.AuthorId).Select(a => (Guid?)a.Version).FirstOrDefault(),
            m.DeletedAt == null ? m.Content : null,
            m.ClientMessageId,
            m.ReplyToId,
            m.CreatedAt,
            m.EditedAt,
            m.DeletedAt != null,
            m.PinnedAt,
            seesPrevious && m.DeletedAt == null ? m.PreviousContent : null,
            visibleTracks.Where(t => t.Id == m.TrackId)
                .Select(t => new TrackRow(t.Id, t.Title, t.CreditedArtist, db.Users.Where(u => u.Id == t.OwnerId).Select(u => u.Username).First(), t.Duration, t.ArtworkVersion))
                .FirstOrDefault()));
    }

    /// <summary>The reactions of these messages, counted per emoji with whether the viewer is among them, in one query.</summary>
    private async Task<IReadOnlyList<ChatMessageDto>> WithReactionsAsync(IReadOnlyList<MessageRow> rows, ChatViewer viewer, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var viewerId = viewer.UserId;
        var reactions = ids.Count == 0
            ? []
            : await db.Set<ChatReaction>().AsNoTracking().Where(r => ids.Contains(r.MessageId))
                .GroupBy(r => new { r.MessageId, r.Emoji })
                .Select(g => new { g.Key.MessageId, g.Key.Emoji, Count = g.LongCount(), Mine = g.Any(r => (Guid?)r.UserId == viewerId), First = g.Min(r => r.CreatedAt) })
                .ToListAsync(cancellationToken);
        var byMessage = reactions.OrderBy(r => r.First).ThenBy(r => r.Emoji, StringComparer.Ordinal)
            .ToLookup(r => r.MessageId, r => new ChatReactionDto(r.Emoji, r.Count, r.Mine));
        return [.. rows.Select(r => r.ToDto([.. byMessage[r.Id]]))];
    }

    private sealed record TrackRow(Guid Id, string Title, string? CreditedArtist, string OwnerUsername, TimeSpan? Duration, Guid? ArtworkVersion)
    {
        public ChatTrackDto ToDto() => ChatTrackDto.From(Id, Title, CreditedArtist, OwnerUsername, Duration, ArtworkVersion);
    }

    private sealed record MessageRow(
        Guid Id, Guid RoomId, Guid AuthorId, string Username, Guid? Avatar, string? Content, string ClientMessageId, Guid? ReplyToId, DateTimeOffset CreatedAt,
        DateTimeOffset? EditedAt, bool Deleted, DateTimeOffset? PinnedAt, string? PreviousContent, TrackRow? Track)
    {
        public ChatMessageDto ToDto(IReadOnlyList<ChatReactionDto> reactions) => new(
            Id, RoomId, User(AuthorId, Username, Avatar), Content, ClientMessageId, ReplyToId, CreatedAt, EditedAt, Deleted,
            Deleted ? null : Track?.ToDto(), reactions, PinnedAt, PreviousContent);
    }

    private IQueryable<DirectRow> DirectMessages(IQueryable<DirectMessage> messages) =>
        messages.Select(m => new DirectRow(
            m.Id,
            m.SenderId,
            db.Users.Where(u => u.Id == m.SenderId).Select(u => u.Username).First(),
            db.UserAvatars.Where(a => a.Id == m.SenderId).Select(a => (Guid?)a.Version).FirstOrDefault(),
            m.RecipientId,
            m.Content,
            m.ClientMessageId,
            m.CreatedAt,
            m.ReadAt));

    private sealed record DirectRow(
        Guid Id, Guid SenderId, string Username, Guid? Avatar, Guid RecipientId, string Content, string ClientMessageId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
    {
        public DirectMessageDto ToDto() => new(Id, User(SenderId, Username, Avatar), RecipientId, Content, ClientMessageId, CreatedAt, ReadAt);
    }

    private sealed record ConversationRow(Guid Other, Guid LastId);

    private static ChatUserDto User(Guid id, string username, Guid? avatar) => new(id, username, avatar is { } version ? AvatarUrls.For(id, version) : null);
}
