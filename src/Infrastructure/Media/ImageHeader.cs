using System.Buffers.Binary;
using Veza.Domain.Media;

namespace Veza.Infrastructure.Media;

/// <summary>
/// Reads an image's dimensions from its header bytes alone (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X),
/// so a decompression bomb is refused without running any decoder. Null when the header does not say
/// (a JPEG whose frame header lies beyond the bytes given): ffprobe, bounded by max_pixels, decides then.
/// </summary>
public static class ImageHeader
{
    public const int BytesNeeded = 256 * 1024;

    public static (int Width, int Height)? ReadDimensions(ImageFormat format, ReadOnlySpan<byte> data) => format switch
    {
        ImageFormat.Png => Png(data),
        ImageFormat.Jpeg => Jpeg(data),
        ImageFormat.WebP => WebP(data),
        _ => null,
    };

    private static (int, int)? Png(ReadOnlySpan<byte> data)
    {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
        if (data.Length < 24 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return Clamp(BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    private static (int, int)? Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                return null;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            var isFrameHeader = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrameHeader)
            {
                if (i + 9 > data.Length)
                {
                    return null;
                }

                // length (2), precision (1), height (2), width (2)
                return Clamp(BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }

            if (marker == 0xDA || length < 2)
            {
                return null;
            }

            i += 2 + length;
        }

        return null;
    }

    private static (int, int)? WebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return null;
        }

        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            // flags (4) then canvas width-1 and height-1, 24 bits little-endian each.
            var width = data[24] | (data[25] << 8) | (data[26] << 16);
            var height = data[27] | (data[28] << 8) | (data[29] << 16);
            return Clamp((uint)width + 1, (uint)height + 1);
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Clamp((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
        {
            return Clamp(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFFu, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFFu);
        }

        return null;
    }

    private static (int, int) Clamp(uint width, uint height) => ((int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));
}
