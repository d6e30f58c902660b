using System.Collections.Concurrent;

namespace Veza.Application.Chat.Commands.SendChatMessage;

/// <summary>A checked post waiting for its room's turn, and how it ends: the stored message, or why not.</summary>
public sealed class PendingPost(Guid authorId, ChatUserDto author, string content, string clientMessageId, Guid? replyToId, Guid? trackId, ChatTrackDto? track)
{
    public Guid AuthorId { get; } = authorId;
    public ChatUserDto Author { get; } = author;
    public string Content { get; } = content;
    public string ClientMessageId { get; } = clientMessageId;
    public Guid? ReplyToId { get; } = replyToId;
    public Guid? TrackId { get; } = trackId;

    /// <summary>The track as anyone sees it (null when private or hidden): what the broadcast shows.</summary>
    public ChatTrackDto? Track { get; } = track;

    public TaskCompletionSource<ChatMessageDto> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The posts of each room waiting on this node (docs/decisions/0030): whichever post gets the room's turn
/// stores every post waiting in one transaction and broadcasts them in id order (group commit), so a busy
/// room pays one commit per batch rather than one per message.
/// </summary>
public sealed class RoomPostQueues
{
    /// <summary>At most this many posts in one insert.</summary>
    public const int MaxBatch = 200;

    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<PendingPost>> _queues = new();

    /// <returns>The queue the post joined: the one its sender drains if nobody has stored the post by its turn.</returns>
    public ConcurrentQueue<PendingPost> Enqueue(Guid roomId, PendingPost post)
    {
        var queue = _queues.GetOrAdd(roomId, _ => new ConcurrentQueue<PendingPost>());
        queue.Enqueue(post);
        return queue;
    }

    public static List<PendingPost> Drain(ConcurrentQueue<PendingPost> queue)
    {
        var batch = new List<PendingPost>();
        while (batch.Count < MaxBatch && queue.TryDequeue(out var post))
        {
            batch.Add(post);
        }

        return batch;
    }

    /// <summary>Drops an empty queue (a post that joined it meanwhile is drained by its own sender, who holds the queue).</summary>
    public void Forget(Guid roomId, ConcurrentQueue<PendingPost> queue)
    {
        if (queue.IsEmpty)
        {
            _queues.TryRemove(KeyValuePair.Create(roomId, queue));
        }
    }
}
