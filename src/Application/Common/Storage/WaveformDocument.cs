using System.Text.Json;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Storage;

/// <summary>
/// The waveform file stored beside a processed track or an audio resource and served as it is, so a
/// player draws it without a conversion: {peaks: [[min, max], ...] in -1..1, duration in seconds}.
/// One shape for both writers; the API documents it as those routes' response body.
/// </summary>
public sealed record WaveformDocument(IReadOnlyList<float[]> Peaks, double Duration)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static MemoryStream Of(Waveform waveform) =>
        new(JsonSerializer.SerializeToUtf8Bytes(new WaveformDocument(waveform.Peaks, waveform.Duration), Json));
}
