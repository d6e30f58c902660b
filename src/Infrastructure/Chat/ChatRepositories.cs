using Microsoft.EntityFrameworkCore;
using Veza.Domain.Chat;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Chat;

internal sealed class ChatRoomRepository(VezaDbContext db) : IChatRoomRepository
{
    public Task<ChatRoom?> GetAsync(Guid roomId, CancellationToken cancellationToken) =>
        db.Set<ChatRoom>().Include(r => r.Members).Include(r => r.Invitations).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == roomId, cancellationToken);

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
}
