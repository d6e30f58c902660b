using Veza.Application.Common.Messaging;

namespace Veza.Application.Tracks.Plays.Commands.RecordServedAudio;

/// <summary>
/// Audio the byte routes served since the last flush (from <see cref="ServedAudioMeter.Drain"/>), added to
/// each listener's progress; answers how many plays it counted. Sent by the node's flusher, never over HTTP.
/// </summary>
public sealed record RecordServedAudioCommand(IReadOnlyList<ServedAudio> Served) : ICommand<int>, IRetriedAfterConcurrentChange;
