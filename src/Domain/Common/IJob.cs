namespace Veza.Domain.Common;

/// <summary>
/// A unit of background work (track processing, offer expiry, an email to send). Enqueued in the
/// transaction of the command that asked for it and run later by a worker on some node, at least
/// once: its handler must tolerate a second run. Its public properties are its stored payload, so it
/// carries ids, never entities or secrets. <see cref="Kind"/> is a constant (for instance
/// <c>tracks.process</c>): it names the handler, the per-kind limits and the stored rows.
/// </summary>
public interface IJob
{
    string Kind { get; }
}
