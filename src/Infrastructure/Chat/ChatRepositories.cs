using Microsoft.EntityFrameworkCore;
using Veza.Domain.Chat;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Chat;

internal sealed class ChatRoomRepository(VezaDbContext db) : IChatRoomRepository
{
    public Task<ChatRoom?> GetAsync(Guid roomId, CancellationToken cancellationToken) =>
        db.Set<ChatRoom>().Include(r => r.Members).Include(r => r.Invitations).Include(r => r.Bans).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == roomId, cancellationToken);

    public Task<ChatRoom?> GetForMemberAsync(Guid roomId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<ChatRoom>().AsNoTracking().Include(r => r.Members.Where(m => m.UserId == userId)).FirstOrDefaultAsync(r => r.Id == roomId, cancellationToken);

    public async Task<IReadOnlySet<Guid>> MembersAmongAsync(Guid roomId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        (await db.Set<ChatMember>().AsNoTracking().Where(m => m.RoomId == roomId && userIds.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();

    public void Add(ChatRoom room) => db.Set<ChatRoom>().Add(room);

    public void Remove(ChatRoom room) => db.Set<ChatRoom>().Remove(room);
}

internal sealed class ChatMessageRepository(VezaDbContext db) : IChatMessageRepository
{
    public Task<ChatMessage?> GetAsync(Guid messageId, CancellationToken cancellationToken) =>
        db.Set<ChatMessage>().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);

    public Task<ChatMessage?> FindByClientIdAsync(Guid roomId, Guid authorId, string clientMessageId, CancellationToken cancellationToken) =>
        db.Set<ChatMessage>().FirstOrDefaultAsync(m => m.RoomId == roomId && m.AuthorId == authorId && m.ClientMessageId == clientMessageId, cancellationToken);

    public void Add(ChatMessage message) => db.Set<ChatMessage>().Add(message);

    public async Task<Guid?> HoldRoomTailAsync(Guid roomId, CancellationToken cancellationToken)
    {
        // A transaction-scoped advisory lock keyed by the room: released by the commit or rollback, never leaked.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({roomId.ToString()}, 11))", cancellationToken);
        // A statement of its own: its snapshot is taken once the lock is held, so it sees the last holder's commit.
        return await db.Set<ChatMessage>().Where(m => m.RoomId == roomId).OrderByDescending(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public Task<int> CountPinnedAsync(Guid roomId, CancellationToken cancellationToken) =>
        db.Set<ChatMessage>().CountAsync(m => m.RoomId == roomId && m.PinnedAt != null, cancellationToken);

    // One statement each, in the unit of work's transaction: two requests adding the same reaction at once both succeed, one row stays.
    public async Task<bool> AddReactionAsync(ChatReaction reaction, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO chat_reactions (message_id, user_id, emoji, created_at) VALUES ({reaction.MessageId}, {reaction.UserId}, {reaction.Emoji}, {reaction.CreatedAt}) ON CONFLICT DO NOTHING",
            cancellationToken) == 1;

    public async Task<bool> RemoveReactionAsync(Guid messageId, Guid userId, string emoji, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM chat_reactions WHERE message_id = {messageId} AND user_id = {userId} AND emoji = {emoji}", cancellationToken) == 1;
}

internal sealed class DirectMessageRepository(VezaDbContext db) : IDirectMessageRepository
{
    public Task<DirectMessage?> FindByClientIdAsync(Guid senderId, string clientMessageId, CancellationToken cancellationToken) =>
        db.Set<DirectMessage>().FirstOrDefaultAsync(m => m.SenderId == senderId && m.ClientMessageId == clientMessageId, cancellationToken);

    public void Add(DirectMessage message) => db.Set<DirectMessage>().Add(message);

    public Task<int> MarkReadAsync(Guid senderId, Guid recipientId, Guid lastId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE chat_direct_messages SET read_at = {now} WHERE sender_id = {senderId} AND recipient_id = {recipientId} AND id <= {lastId} AND read_at IS NULL",
            cancellationToken);
}
