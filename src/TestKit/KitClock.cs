using Veza.Domain.Ports;

namespace Veza.TestKit;

/// <summary>
/// The kit's default clock: real time plus an offset a test moves (<see cref="Advance"/>), so expiries,
/// reminders and lease timeouts are reached without waiting while time still passes between calls (rate
/// windows and ordering behave as in production). Pass a <see cref="ManualClock"/> in
/// <see cref="VezaKitOptions.Clock"/> for time that stands still.
/// </summary>
public sealed class KitClock : IClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves time forward (or back, with a negative span) for every later reading.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Goes back to real time.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
