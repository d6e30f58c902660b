namespace Veza.Infrastructure.Common;

/// <summary>Where a seek lands in a read-only stream of known length (the streams that serve stored files).</summary>
public static class SeekTarget
{
    /// <exception cref="ArgumentOutOfRangeException">The target is before the start.</exception>
    public static long Of(long position, long length, long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        return target;
    }
}
