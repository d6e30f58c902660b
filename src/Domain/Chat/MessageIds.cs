namespace Veza.Domain.Chat;

/// <summary>
/// Message ids are UUIDv7 (time first, so id order is time order and the cursor of history). Within a
/// room each new id must sort after the room's newest one, in the byte order PostgreSQL compares uuids
/// by, even in the same millisecond or when the clock steps back: "after the last id I saw" then
/// never skips a message.
/// </summary>
public static class MessageIds
{
    public static Guid Next(Guid? previous, DateTimeOffset now)
    {
        var candidate = Guid.CreateVersion7(now);
        if (previous is not { } last || candidate.CompareTo(last) > 0)
        {
            return candidate;
        }

        // One more than the previous id in its random tail (bytes 9-15): the version and variant bits stay as they are.
        Span<byte> bytes = stackalloc byte[16];
        last.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 9; i--)
        {
            if (++bytes[i] != 0)
            {
                return new Guid(bytes, bigEndian: true);
            }
        }

        throw new InvalidOperationException("The room's last message id cannot be followed.");
    }
}
