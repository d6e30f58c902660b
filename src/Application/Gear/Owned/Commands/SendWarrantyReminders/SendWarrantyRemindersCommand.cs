using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Notifications;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Owned.Commands.SendWarrantyReminders;

/// <summary>
/// Tells owners their warranty ends soon: once 30 days before and once 7 days before. Each
/// reminder is recorded on the entry in the transaction that stores the notification, so a run repeated (another
/// node, a restart, the next interval) sends nothing twice. Answers how many reminders were sent.
/// </summary>
public sealed record SendWarrantyRemindersCommand : ICommand<int>;

public sealed class SendWarrantyRemindersCommandHandler(IOwnedGearRepository gear, IProductRepository products, IUserNotifier notifier, GearSettings settings, IClock clock)
    : IRequestHandler<SendWarrantyRemindersCommand, int>
{
    public const string Kind = "warranty_expiring";

    public async Task<int> Handle(SendWarrantyRemindersCommand request, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var sent = 0;
        // The month reminder is due from 30 days before the end, whatever the expiring window lists.
        foreach (var entry in await gear.WarrantiesEndingAsync(today, today.AddDays(Math.Max(OwnedGear.MonthReminderDays, settings.ExpiringDays)), cancellationToken))
        {
            if (entry.DueReminder(today) is not { } reminder)
            {
                continue;
            }

            var product = await products.GetAsync(entry.ProductId, cancellationToken);
            entry.MarkReminded(reminder, clock.UtcNow);
            await notifier.NotifyAsync(entry.OwnerId, Kind, new WarrantyExpiringNotice(
                entry.Id, product?.Name ?? "Your gear", entry.SerialNumber, entry.WarrantyExpires!.Value, entry.DaysOfWarrantyLeft(today)!.Value), cancellationToken);
            sent++;
        }

        return sent;
    }
}

public sealed record WarrantyExpiringNotice(Guid UserProductId, string ProductName, string? SerialNumber, DateOnly WarrantyExpires, int DaysLeft);
