using Veza.Domain.Common;
using Veza.Domain.Marketplace;

namespace Veza.Domain.Gear;

/// <summary>
/// A unit of a catalog product someone owns: its serial, when and for how much it was bought, and when its
/// warranty ends (by default the purchase date plus the product's warranty months). One entry per owner,
/// product and serial. Reminders before the warranty ends are sent once each (30 and 7 days before).
/// </summary>
public sealed class OwnedGear : Entity
{
    public const int VersionMaxLength = 100;
    public const int SerialMaxLength = 100;
    public const int NotesMaxLength = 5000;
    public const int MonthReminderDays = 30;
    public const int WeekReminderDays = 7;

    private OwnedGear()
    {
    }

    public Guid OwnerId { get; private set; }
    public Guid ProductId { get; private set; }
    public string? Version { get; private set; }
    public string? SerialNumber { get; private set; }
    public DateOnly? PurchaseDate { get; private set; }
    public decimal? PurchasePrice { get; private set; }
    public string? Currency { get; private set; }
    public DateOnly? WarrantyExpires { get; private set; }
    public string? Notes { get; private set; }
    public OwnedGearStatus Status { get; private set; }
    public DateTimeOffset? ReminderMonthSentAt { get; private set; }
    public DateTimeOffset? ReminderWeekSentAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static OwnedGear Record(Guid id, Guid ownerId, Product product, OwnedGearDetails details, DateOnly today, DateTimeOffset now)
    {
        var gear = new OwnedGear { Id = id, OwnerId = ownerId, ProductId = product.Id, Status = OwnedGearStatus.Active, CreatedAt = now };
        gear.Apply(product, details, today, now);
        return gear;
    }

    public OwnedGearDetails Details => new(Version, SerialNumber, PurchaseDate, PurchasePrice, Currency, WarrantyExpires, Notes, Status);

    /// <summary>Replaces the details (the caller starts from <see cref="Details"/>); a new warranty end makes its reminders due again.</summary>
    public void Edit(Product product, OwnedGearDetails details, DateOnly today, DateTimeOffset now)
    {
        var before = WarrantyExpires;
        Apply(product, details, today, now);
        if (WarrantyExpires != before)
        {
            ReminderMonthSentAt = ReminderWeekSentAt = null;
        }
    }

    public bool IsUnderWarranty(DateOnly today) => WarrantyExpires is { } end && end >= today;

    /// <summary>Days from today to the last day of warranty (0 on that day); null without a warranty or once it ended.</summary>
    public int? DaysOfWarrantyLeft(DateOnly today) => WarrantyExpires is { } end && end >= today ? end.DayNumber - today.DayNumber : null;

    /// <summary>The reminder due today, if any: the week one from 7 days before, the month one from 30; each once.</summary>
    public WarrantyReminder? DueReminder(DateOnly today)
    {
        if (Status != OwnedGearStatus.Active || DaysOfWarrantyLeft(today) is not { } left)
        {
            return null;
        }

        if (left <= WeekReminderDays && ReminderWeekSentAt is null)
        {
            return WarrantyReminder.Week;
        }

        return left <= MonthReminderDays && left > WeekReminderDays && ReminderMonthSentAt is null ? WarrantyReminder.Month : null;
    }

    public void MarkReminded(WarrantyReminder reminder, DateTimeOffset now)
    {
        if (reminder == WarrantyReminder.Week)
        {
            // The week reminder covers the month one when both fall due together (an entry recorded late).
            ReminderWeekSentAt = now;
            ReminderMonthSentAt ??= now;
        }
        else
        {
            ReminderMonthSentAt = now;
        }
    }

    private void Apply(Product product, OwnedGearDetails d, DateOnly today, DateTimeOffset now)
    {
        if (d.PurchaseDate is { } purchased && purchased > today)
        {
            throw new DomainException("A purchase date cannot be in the future.");
        }

        if (d.PurchaseDate is { } bought && d.WarrantyExpires is { } ends && ends < bought)
        {
            throw new DomainException("A warranty cannot end before the purchase.");
        }

        // Everything is checked before anything changes: a refused edit leaves the entry as it was.
        var (price, currency) = MarketRules.CheckMoney(d.PurchasePrice, d.Currency, "A purchase price");
        var version = Tracks.TrackRules.CheckOptional(d.Version, VersionMaxLength, "A version");
        var serial = Tracks.TrackRules.CheckOptional(d.SerialNumber, SerialMaxLength, "A serial number");
        var notes = Tracks.TrackRules.CheckOptional(d.Notes, NotesMaxLength, "Notes");
        Version = version;
        SerialNumber = serial;
        Notes = notes;
        PurchaseDate = d.PurchaseDate;
        PurchasePrice = price;
        Currency = currency;
        WarrantyExpires = d.WarrantyExpires ?? (d.PurchaseDate is { } date && product.WarrantyMonths > 0 ? product.DefaultWarrantyEnd(date) : null);
        Status = d.Status;
        UpdatedAt = now;
    }
}

/// <param name="WarrantyExpires">Null: the purchase date plus the product's warranty months (none without a purchase date).</param>
public sealed record OwnedGearDetails(
    string? Version,
    string? SerialNumber,
    DateOnly? PurchaseDate,
    decimal? PurchasePrice,
    string? Currency,
    DateOnly? WarrantyExpires,
    string? Notes,
    OwnedGearStatus Status = OwnedGearStatus.Active);

public enum WarrantyReminder
{
    Month,
    Week,
}

/// <summary>How a day's warranties are classified (expiring: ends within <paramref name="ExpiringDays"/> days, today included).</summary>
public static class WarrantyRules
{
    public const int DefaultExpiringDays = 30;

    public static (DateOnly From, DateOnly To)? Range(WarrantyFilter filter, DateOnly today, int expiringDays) => filter switch
    {
        WarrantyFilter.Active => (today, DateOnly.MaxValue),
        WarrantyFilter.Expiring => (today, today.AddDays(expiringDays)),
        WarrantyFilter.Expired => (DateOnly.MinValue, today.AddDays(-1)),
        _ => null,
    };
}
