namespace Veza.Domain.Ports;

/// <summary>The one source of "now" (UTC), so time-dependent rules are testable.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
