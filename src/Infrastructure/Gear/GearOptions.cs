using System.ComponentModel.DataAnnotations;
using Veza.Application.Gear;

namespace Veza.Infrastructure.Gear;

/// <summary>Gear's limits and clocks (<c>Gear:*</c>).</summary>
public sealed class GearOptions
{
    public const string Section = "Gear";

    /// <summary>The largest catalog document an admin may upload.</summary>
    [Range(1, 1L << 31)]
    public long MaxDocumentBytes { get; set; } = GearSettings.Default.MaxDocumentBytes;

    /// <summary>The largest file a user may attach to their gear.</summary>
    [Range(1, 1L << 31)]
    public long MaxFileBytes { get; set; } = GearSettings.Default.MaxFileBytes;

    /// <summary>A warranty ending within this many days (today included) is "expiring".</summary>
    [Range(1, 365)]
    public int ExpiringDays { get; set; } = GearSettings.Default.ExpiringDays;

    /// <summary>How often this node looks for warranty reminders to send (each is sent once, whichever node finds it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);

    [Required]
    public string PdfinfoPath { get; set; } = "pdfinfo";

    public GearSettings ToSettings() => new(MaxDocumentBytes, MaxFileBytes, ExpiringDays);
}
