using Veza.Infrastructure.Radio;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The station's shared buffer: readers at their own positions, titles at their bytes, a slow reader skipping ahead, ICY blocks.</summary>
public class LiveRingTests
{
    [Test]
    public async Task Readers_get_the_same_bytes_from_where_they_start_and_a_reader_too_far_behind_jumps_to_the_oldest_kept()
    {
        var ring = new LiveRing(100);
        ring.Write(Bytes(0, 60));
        var early = ring.StartFor(burstBytes: 20);
        ring.Write(Bytes(60, 60));

        var buffer = new byte[200];
        var (count, from) = await ring.ReadAsync(early, buffer, CancellationToken.None);
        var (lateCount, lateFrom) = await ring.ReadAsync(0, buffer.AsMemory(100), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.EqualTo(40), "twenty bytes behind live");
            Assert.That((from, count), Is.EqualTo((40L, 80)));
            Assert.That(buffer[..80], Is.EqualTo(Bytes(40, 80)));
            Assert.That((lateFrom, lateCount), Is.EqualTo((20L, 100)), "position 0 was dropped: the reader skips to the oldest byte kept");
            Assert.That(buffer[100..200], Is.EqualTo(Bytes(20, 100)));
        });
    }

    [Test]
    public async Task A_reader_at_live_waits_for_the_next_write_and_a_closed_ring_ends_it()
    {
        var ring = new LiveRing(64);
        var buffer = new byte[16];
        var waiting = ring.ReadAsync(ring.Live, buffer, CancellationToken.None).AsTask();
        await Task.Delay(50);
        var waited = !waiting.IsCompleted;
        ring.Write(Bytes(0, 8));
        var (count, _) = await waiting;
        var ending = ring.ReadAsync(ring.Live, buffer, CancellationToken.None).AsTask();
        ring.Close();

        Assert.That((waited, count, (await ending).Count), Is.EqualTo((true, 8, 0)));
    }

    [Test]
    public void Each_position_has_the_title_of_the_track_playing_there()
    {
        var ring = new LiveRing(1000);
        ring.MarkTitle("A - One");
        ring.Write(Bytes(0, 300));
        ring.MarkTitle("B - Two");
        ring.Write(Bytes(0, 300));

        Assert.That((ring.TitleAt(0), ring.TitleAt(299), ring.TitleAt(300), ring.TitleAt(599)), Is.EqualTo(("A - One", "A - One", "B - Two", "B - Two")));
    }

    [Test]
    public void An_icy_block_is_a_length_in_sixteens_then_the_padded_title_and_a_lone_zero_when_nothing_changed()
    {
        var block = IcyStreamWriter.MetadataBlock("dj_nova - Night's Drive");
        var text = System.Text.Encoding.UTF8.GetString(block, 1, block[0] * 16).TrimEnd('\0');

        Assert.Multiple(() =>
        {
            Assert.That(block.Length, Is.EqualTo(1 + (block[0] * 16)));
            Assert.That(text, Is.EqualTo("StreamTitle='dj_nova - Night’s Drive';"), "a quote would end the value early");
            Assert.That(IcyStreamWriter.MetadataBlock(null), Is.EqualTo(new byte[] { 0 }));
        });
    }

    private static byte[] Bytes(int start, int count) => [.. Enumerable.Range(start, count).Select(i => (byte)i)];
}
