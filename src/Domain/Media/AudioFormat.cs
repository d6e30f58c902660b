namespace Veza.Domain.Media;

/// <summary>The audio containers the platform accepts, recognised by their magic bytes (never by a name or a declared type).</summary>
public enum AudioFormat
{
    Mp3,
    Flac,
    OggVorbis,
    OggOpus,
    Wav,
    Aac,
    Mp4,
}

public static class AudioFormats
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs (an Ogg page header plus its codec id).</summary>
    public const int HeaderLength = 64;

    private static readonly string[] Mp4AudioBrands = ["M4A ", "M4B ", "M4P ", "mp41", "mp42", "isom", "iso2", "iso5", "iso6", "dash", "3gp4", "3gp5", "3gp6", "MSNV", "F4A "];

    /// <summary>The format the header announces, or null when it is none of the accepted ones.</summary>
    public static AudioFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4)
        {
            return null;
        }

        // An ID3v2 tag opens most MP3 files; what follows it is MPEG audio.
        if (header.StartsWith("ID3"u8) && header.Length >= 10 && header[3] is >= 2 and <= 4)
        {
            return AudioFormat.Mp3;
        }

        if (header.StartsWith("fLaC"u8))
        {
            return AudioFormat.Flac;
        }

        if (header.StartsWith("OggS"u8))
        {
            return OggCodec(header);
        }

        // RIFF <size> WAVE
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8))
        {
            return AudioFormat.Wav;
        }

        // <box size> ftyp <major brand>
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(header[8..12]);
            return Mp4AudioBrands.Contains(brand, StringComparer.Ordinal) ? AudioFormat.Mp4 : null;
        }

        return FrameSync(header);
    }

    /// <summary>The ffmpeg demuxer for the format, so ffmpeg never guesses one (playlists, concat and image demuxers stay out).</summary>
    public static string Demuxer(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => "mp3",
        AudioFormat.Flac => "flac",
        AudioFormat.OggVorbis or AudioFormat.OggOpus => "ogg",
        AudioFormat.Wav => "wav",
        AudioFormat.Aac => "aac",
        AudioFormat.Mp4 => "mov",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Extension(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => "mp3",
        AudioFormat.Flac => "flac",
        AudioFormat.OggVorbis => "ogg",
        AudioFormat.OggOpus => "opus",
        AudioFormat.Wav => "wav",
        AudioFormat.Aac => "aac",
        AudioFormat.Mp4 => "m4a",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string ContentType(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => "audio/mpeg",
        AudioFormat.Flac => "audio/flac",
        AudioFormat.OggVorbis => "audio/ogg",
        AudioFormat.OggOpus => "audio/ogg; codecs=opus",
        AudioFormat.Wav => "audio/wav",
        AudioFormat.Aac => "audio/aac",
        AudioFormat.Mp4 => "audio/mp4",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static bool IsLossless(AudioFormat format) => format is AudioFormat.Flac or AudioFormat.Wav;

    // The first page of an Ogg stream carries the codec's identification header at byte 28.
    private static AudioFormat? OggCodec(ReadOnlySpan<byte> header)
    {
        if (header.Length < 36)
        {
            return null;
        }

        var packet = header[28..];
        if (packet.StartsWith("\u0001vorbis"u8))
        {
            return AudioFormat.OggVorbis;
        }

        return packet.StartsWith("OpusHead"u8) ? AudioFormat.OggOpus : null;
    }

    // MPEG audio frames and ADTS (AAC) frames both open with a sync word of ones; the layer bits tell
    // them apart (ADTS always writes layer 00, which MPEG audio reserves).
    private static AudioFormat? FrameSync(ReadOnlySpan<byte> header)
    {
        if (header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var layer = (header[1] >> 1) & 0b11;
        if (layer == 0)
        {
            var profileValid = (header[1] & 0xF0) == 0xF0;
            var samplingIndex = (header[2] >> 2) & 0b1111;
            return profileValid && samplingIndex < 13 ? AudioFormat.Aac : null;
        }

        var version = (header[1] >> 3) & 0b11;
        var bitrateIndex = header[2] >> 4;
        var sampleRateIndex = (header[2] >> 2) & 0b11;
        return version != 0b01 && bitrateIndex is not (0 or 15) && sampleRateIndex != 0b11 ? AudioFormat.Mp3 : null;
    }
}
