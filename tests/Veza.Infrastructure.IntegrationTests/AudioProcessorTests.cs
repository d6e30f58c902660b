using System.Globalization;
using Microsoft.Extensions.Options;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Media;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The ffmpeg adapter of the audio processor port, with the real ffmpeg and ffprobe, on tones the tests generate.</summary>
public class AudioProcessorTests
{
    private string _temp = null!;
    private FfmpegAudioProcessor _processor = null!;

    [SetUp]
    public void CreateProcessor()
    {
        _temp = Path.Combine(Path.GetTempPath(), "veza-audio-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_temp);
        _processor = new FfmpegAudioProcessor(Options.Create(new MediaOptions()));
    }

    [TearDown]
    public void DeleteTemp()
    {
        Directory.Delete(_temp, recursive: true);
    }

    [Test]
    public async Task Audio_steps_and_image_renders_share_one_cap_on_tool_processes()
    {
        var options = Options.Create(new MediaOptions { MaxAudioProcesses = 2, TemporaryDirectory = _temp });
        using var slots = new MediaProcessSlots(options);
        var audio = new FfmpegAudioProcessor(options, slots);
        var images = new FfmpegImageProcessor(options, slots, Microsoft.Extensions.Logging.Abstractions.NullLogger<FfmpegImageProcessor>.Instance);
        var tone = await TestAudio.MakeToneAsync(Path.Combine(_temp, "cap.wav"), 3);
        var png = await TestImages.MakeAsync("png", 64, 64);

        Task<SquareImageOutcome>[] Renders() => [.. Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var result = await images.RenderSquaresAsync(new MemoryStream(png), new SquareImageRequest([32], 1000, ImageFormat.Png), CancellationToken.None);
            return result.Outcome;
        })];

        // Image renders alone: they take the shared slots (bypassing them would leave the peak at 0).
        await Task.WhenAll(Renders());
        var peakOfRenders = slots.Peak;
        var probes = Enumerable.Range(0, 4).Select(_ => audio.ProbeAsync(tone, AudioFormat.Wav, CancellationToken.None));
        await Task.WhenAll(Task.WhenAll(probes), Task.WhenAll(Renders()));

        Assert.That(peakOfRenders, Is.EqualTo(2), "image renders run under the shared cap");
        Assert.That(slots.Peak, Is.EqualTo(2), "seven jobs' worth of processes at once, never more than two running");
    }

    [TestCase("wav", AudioFormat.Wav, "pcm_s16le")]
    [TestCase("flac", AudioFormat.Flac, "flac")]
    [TestCase("mp3", AudioFormat.Mp3, "mp3")]
    [TestCase("ogg", AudioFormat.OggVorbis, "vorbis")]
    [TestCase("opus", AudioFormat.OggOpus, "opus")]
    [TestCase("m4a", AudioFormat.Mp4, "aac")]
    [TestCase("aac", AudioFormat.Aac, "aac")]
    public async Task Each_accepted_container_is_recognised_by_its_bytes_and_probed(string extension, AudioFormat expected, string codec)
    {
        var path = await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone." + extension), 3);

        var format = AudioFormats.Detect(await HeadAsync(path));
        var probe = await _processor.ProbeAsync(path, expected, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(format, Is.EqualTo(expected));
            Assert.That(probe.Failure, Is.Null);
            Assert.That(probe.Metadata!.Duration.TotalSeconds, Is.EqualTo(3).Within(0.1));
            Assert.That(probe.Metadata.Codec, Is.EqualTo(codec));
            Assert.That(probe.Metadata.Channels, Is.EqualTo(2));
            Assert.That(probe.Metadata.SampleRate, Is.EqualTo(expected == AudioFormat.OggOpus ? 48000 : 44100));
        });
    }

    [Test]
    public async Task Embedded_tags_and_cover_are_read_and_the_cover_extracted()
    {
        var path = await TestAudio.MakeToneAsync(Path.Combine(_temp, "tagged.mp3"), 2, withTags: true, withCover: true);

        var probe = await _processor.ProbeAsync(path, AudioFormat.Mp3, CancellationToken.None);
        var cover = Path.Combine(_temp, "cover");
        var extracted = await _processor.ExtractCoverAsync(path, AudioFormat.Mp3, cover, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(probe.HasCover, Is.True);
            Assert.That(probe.Metadata!.Title, Is.EqualTo("Night Drive"));
            Assert.That(probe.Metadata.Artist, Is.EqualTo("The Tape Loops"));
            Assert.That(probe.Metadata.Album, Is.EqualTo("Cassette Dreams"));
            Assert.That(probe.Metadata.Genre, Is.EqualTo("Synthwave"));
            Assert.That(extracted, Is.True);
            Assert.That(ImageFormats.Detect((await File.ReadAllBytesAsync(cover)).AsSpan(0, ImageFormats.HeaderLength)), Is.EqualTo(ImageFormat.Png));
        });
    }

    [Test]
    public async Task A_file_without_a_cover_has_none_to_extract()
    {
        var path = await TestAudio.MakeToneAsync(Path.Combine(_temp, "plain.wav"), 1);

        Assert.That(await _processor.ExtractCoverAsync(path, AudioFormat.Wav, Path.Combine(_temp, "cover"), CancellationToken.None), Is.False);
    }

    [TestCase(128)]
    [TestCase(320)]
    public async Task Mp3_variants_have_the_asked_bitrate_and_the_source_duration(int kbps)
    {
        var source = await TestAudio.MakeToneAsync(Path.Combine(_temp, "source.flac"), 12);
        var output = Path.Combine(_temp, $"out-{kbps}.mp3");

        await _processor.EncodeMp3Async(source, AudioFormat.Flac, kbps, output, CancellationToken.None);

        var probed = await TestAudio.ProbeAsync(output);
        Assert.Multiple(() =>
        {
            Assert.That(probed.Codec, Is.EqualTo("mp3"));
            Assert.That(probed.BitrateKbps, Is.EqualTo(kbps).Within(2));
            Assert.That(probed.Duration, Is.EqualTo(12).Within(0.1));
            Assert.That(AudioFormats.Detect(File.ReadAllBytes(output).AsSpan(0, AudioFormats.HeaderLength)), Is.EqualTo(AudioFormat.Mp3));
        });
    }

    [Test]
    public async Task Hls_has_a_master_playlist_with_bandwidth_and_codecs_and_variants_listing_existing_segments_of_six_seconds()
    {
        var source = await TestAudio.MakeToneAsync(Path.Combine(_temp, "source.wav"), 20);
        var output = Path.Combine(_temp, "hls");

        await _processor.PackageHlsAsync(source, AudioFormat.Wav, output, CancellationToken.None);

        var master = await File.ReadAllLinesAsync(Path.Combine(output, "master.m3u8"));
        var streams = master.Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.That(master[0], Is.EqualTo("#EXTM3U"));
        Assert.That(streams, Has.Count.EqualTo(HlsLadder.BitratesKbps.Length));
        Assert.That(streams, Has.All.Contains("BANDWIDTH=").And.All.Contains("CODECS=\"mp4a.40.2\""));
        foreach (var kbps in HlsLadder.BitratesKbps)
        {
            Assert.That(master, Does.Contain($"{kbps}k/index.m3u8"));
            var playlist = await File.ReadAllLinesAsync(Path.Combine(output, $"{kbps}k", "index.m3u8"));
            var durations = playlist.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
            var segments = playlist.Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(playlist, Does.Contain("#EXT-X-ENDLIST"));
                Assert.That(segments, Has.Count.EqualTo(4));
                Assert.That(segments.Select(s => File.Exists(Path.Combine(output, $"{kbps}k", s))), Is.All.True);
                Assert.That(durations.Sum(), Is.EqualTo(20).Within(0.2));
                Assert.That(durations, Is.All.LessThanOrEqualTo(HlsLadder.SegmentSeconds + 0.5));
            });
        }
    }

    [Test]
    public async Task The_loudness_of_a_tone_of_known_level_is_measured_within_half_a_lu()
    {
        var source = await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.flac"), 10);

        var loudness = await _processor.MeasureLoudnessAsync(source, AudioFormat.Flac, CancellationToken.None);

        Assert.That(loudness.IntegratedLufs, Is.EqualTo(TestAudio.ExpectedLufs).Within(0.5));
        Assert.That(loudness.TruePeakDbtp, Is.EqualTo(-20.0).Within(0.5), "a 0.1 peak is -20 dBFS");
    }

    [Test]
    public async Task A_damaged_file_fails_to_decode_when_measured()
    {
        var source = await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.flac"), 10);
        var bytes = await File.ReadAllBytesAsync(source);
        var truncated = Path.Combine(_temp, "truncated.flac");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2 + 37)]);

        Assert.ThrowsAsync<AudioDecodingException>(() => _processor.MeasureLoudnessAsync(truncated, AudioFormat.Flac, CancellationToken.None));
    }

    [Test]
    public async Task The_waveform_has_the_asked_number_of_pairs_within_the_tone_level()
    {
        var source = await TestAudio.MakeToneAsync(Path.Combine(_temp, "tone.wav"), 6);
        var probe = await _processor.ProbeAsync(source, AudioFormat.Wav, CancellationToken.None);

        var waveform = await _processor.ComputeWaveformAsync(source, AudioFormat.Wav, probe.Metadata!.Duration, probe.Metadata.Channels, Waveform.DefaultPairs, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(waveform.Peaks, Has.Count.EqualTo(Waveform.DefaultPairs));
            Assert.That(waveform.Duration, Is.EqualTo(6).Within(0.05));
            Assert.That(waveform.Peaks.Select(p => p[1]).Max(), Is.EqualTo(TestAudio.Amplitude).Within(0.01));
            Assert.That(waveform.Peaks.Select(p => p[0]).Min(), Is.EqualTo(-TestAudio.Amplitude).Within(0.01));
            Assert.That(waveform.Peaks.All(p => p[0] <= p[1] && p[0] >= -1 && p[1] <= 1), Is.True);
        });
    }

    [Test]
    public async Task Bytes_that_only_look_like_a_format_are_refused_by_the_probe_as_corrupt()
    {
        // An ID3 header followed by text: the sniffer says MP3, the demuxer finds no audio frames.
        var fake = Path.Combine(_temp, "fake.mp3");
        await File.WriteAllBytesAsync(fake, [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0, .. System.Text.Encoding.ASCII.GetBytes(new string('x', 4000))]);

        var probe = await _processor.ProbeAsync(fake, AudioFormat.Mp3, CancellationToken.None);

        Assert.That(probe.Failure, Is.AnyOf(TrackFailure.Corrupt, TrackFailure.NoAudioStream));
    }

    [Test]
    public void Every_decoding_run_stops_reading_the_input_at_the_longest_accepted_duration()
    {
        // The probe believes the container's declared duration; a file that understates it must not buy unbounded decoding.
        var source = Path.Combine(_temp, "in.mp3");
        var runs = new[]
        {
            FfmpegAudioArguments.Mp3(source, AudioFormat.Mp3, 128, Path.Combine(_temp, "out.mp3")),
            FfmpegAudioArguments.Hls(source, AudioFormat.Mp3, _temp),
            FfmpegAudioArguments.Loudness(source, AudioFormat.Mp3),
            FfmpegAudioArguments.WaveformSamples(source, AudioFormat.Mp3),
        };

        Assert.Multiple(() =>
        {
            foreach (var arguments in runs)
            {
                var input = arguments.ToList().IndexOf("-i");
                var limit = arguments.ToList().IndexOf("-t");
                Assert.That(limit, Is.InRange(0, input - 2), string.Join(' ', arguments));
                Assert.That(arguments[limit + 1], Is.EqualTo(((int)TrackRules.MaxDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
            }
        });
    }

    private static async Task<byte[]> HeadAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        return bytes[..Math.Min(bytes.Length, AudioFormats.HeaderLength)];
    }
}
