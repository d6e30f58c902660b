namespace Veza.Application.Gear;

/// <param name="MaxDocumentBytes">The largest catalog document (an admin's upload).</param>
/// <param name="MaxFileBytes">The largest file a user attaches to their gear.</param>
/// <param name="ExpiringDays">A warranty ending within this many days, today included, is expiring (and gets its month reminder).</param>
public sealed record GearSettings(long MaxDocumentBytes, long MaxFileBytes, int ExpiringDays)
{
    public static readonly GearSettings Default = new(50L * 1024 * 1024, 10L * 1024 * 1024, 30);
}
