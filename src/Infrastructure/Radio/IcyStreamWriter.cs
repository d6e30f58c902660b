using System.Text;

namespace Veza.Infrastructure.Radio;

/// <summary>
/// Writes a listener's stream: the station's MP3 from the lease's position on, and, for a player that asked
/// for ICY metadata, a metadata block after every <c>metaInt</c> audio bytes (the title when it changed,
/// else a zero byte), as SHOUTcast and Icecast clients expect.
/// </summary>
public static class IcyStreamWriter
{
    public const int MetaInt = 16_000;

    /// <summary>
    /// A listener is written to at most this often: the encoder writes a frame at a time (~26 ms), and
    /// waking every listener for each would cost more than the audio; a player buffers seconds anyway.
    /// </summary>
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(200);

    public static async Task WriteAsync(Stream output, ListenerLease lease, bool icy, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        var position = lease.Start;
        var untilMeta = MetaInt;
        string? sentTitle = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var want = icy ? Math.Min(buffer.Length, untilMeta) : buffer.Length;
            var (count, from) = await lease.Ring.ReadAsync(position, buffer.AsMemory(0, want), cancellationToken);
            if (count == 0)
            {
                return;
            }

            await output.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            position = from + count;
            if (count < want)
            {
                // Caught up with live: let audio gather before the next write.
                await Task.Delay(WriteInterval, cancellationToken);
            }

            if (!icy)
            {
                continue;
            }

            untilMeta -= count;
            if (untilMeta == 0)
            {
                var title = lease.Ring.TitleAt(position);
                await output.WriteAsync(MetadataBlock(title == sentTitle ? null : title), cancellationToken);
                sentTitle = title;
                untilMeta = MetaInt;
            }

            await output.FlushAsync(cancellationToken);
        }
    }

    /// <summary>A length byte (in 16-byte units) and <c>StreamTitle='...';</c> padded with zeros; a lone zero when nothing changed.</summary>
    public static byte[] MetadataBlock(string? title)
    {
        if (title is null)
        {
            return [0];
        }

        // A quote would end the value early: players do not unescape.
        var text = Encoding.UTF8.GetBytes($"StreamTitle='{title.Replace('\'', '’')}';");
        var blocks = Math.Min(255, (text.Length + 15) / 16);
        var block = new byte[1 + (blocks * 16)];
        block[0] = (byte)blocks;
        text.AsSpan(0, Math.Min(text.Length, blocks * 16)).CopyTo(block.AsSpan(1));
        return block;
    }
}
