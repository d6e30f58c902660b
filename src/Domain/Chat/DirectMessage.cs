namespace Veza.Domain.Chat;

/// <summary>
/// A message from one user to another. Stored before it is delivered; idempotent per sender by the
/// client's message id; read once the recipient marks it (or a later one) read.
/// </summary>
public sealed class DirectMessage : Common.Entity
{
    private DirectMessage()
    {
        Content = ClientMessageId = string.Empty;
    }

    public Guid SenderId { get; private set; }
    public Guid RecipientId { get; private set; }
    public string Content { get; private set; }
    public string ClientMessageId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public static DirectMessage Send(Guid senderId, Guid recipientId, string content, string clientMessageId, DateTimeOffset now) =>
        senderId == recipientId
            ? throw new Common.DomainException("A direct message goes to someone else.")
            : new DirectMessage
            {
                Id = Guid.CreateVersion7(now),
                SenderId = senderId,
                RecipientId = recipientId,
                Content = ChatRules.CheckContent(content),
                ClientMessageId = clientMessageId,
                CreatedAt = now,
            };

    /// <summary>Whether a user may send direct messages to a recipient with this policy (blocks are checked besides).</summary>
    public static bool Accepts(Users.DirectMessagePolicy recipientPolicy, bool recipientFollowsSender) => recipientPolicy switch
    {
        Users.DirectMessagePolicy.Everyone => true,
        Users.DirectMessagePolicy.Following => recipientFollowsSender,
        _ => false,
    };
}

public interface IDirectMessageRepository
{
    Task<DirectMessage?> FindByClientIdAsync(Guid senderId, string clientMessageId, CancellationToken cancellationToken);

    void Add(DirectMessage message);

    /// <summary>Marks read every message <paramref name="senderId"/> sent <paramref name="recipientId"/> up to and including <paramref name="lastId"/>; how many changed.</summary>
    Task<int> MarkReadAsync(Guid senderId, Guid recipientId, Guid lastId, DateTimeOffset now, CancellationToken cancellationToken);
}
