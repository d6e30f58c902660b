using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Application.Marketplace.Listings.Commands.ExpireListing;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.EventHandlers;

/// <summary>The realtime events the marketplace pushes (type names on the user's connections).</summary>
public static class MarketEvents
{
    public const string OfferUpdated = "offer_updated";
    public const string TransactionUpdated = "transaction_updated";
    public const string WatchedPriceDropped = "watched_listing_price_dropped";
    public const string WatchedSold = "watched_listing_sold";
}

public sealed record OfferUpdatedSignal(Guid OfferId, Guid ListingId, string Move, string? By, string Status);

public sealed record TransactionUpdatedSignal(Guid TransactionId, string Status);

public sealed record WatchedListingSignal(Guid ListingId, string Title, string? OldPrice, string? NewPrice, string? Currency);

/// <summary>Both parties hear of every step of a negotiation, once it is committed.</summary>
public sealed class NotifyOfferParties(IRealtimeNotifier realtime, RollbackActions actions) : INotificationHandler<DomainEventNotification<OfferChanged>>
{
    public Task Handle(DomainEventNotification<OfferChanged> notification, CancellationToken cancellationToken)
    {
        var e = notification.DomainEvent;
        var signal = new OfferUpdatedSignal(e.OfferId, e.ListingId, e.Move.ToWireName(), e.By?.ToWireName(), e.Status.ToWireName());
        actions.AfterCommit(async ct =>
        {
            await realtime.NotifyUserAsync(e.BuyerId, MarketEvents.OfferUpdated, signal, ct);
            await realtime.NotifyUserAsync(e.SellerId, MarketEvents.OfferUpdated, signal, ct);
        });
        return Task.CompletedTask;
    }
}

/// <summary>Both parties hear of every step of a transaction, once it is committed.</summary>
public sealed class NotifyTransactionParties(IRealtimeNotifier realtime, RollbackActions actions) : INotificationHandler<DomainEventNotification<TransactionChanged>>
{
    public Task Handle(DomainEventNotification<TransactionChanged> notification, CancellationToken cancellationToken)
    {
        var e = notification.DomainEvent;
        var signal = new TransactionUpdatedSignal(e.TransactionId, e.Status.ToWireName());
        actions.AfterCommit(async ct =>
        {
            await realtime.NotifyUserAsync(e.BuyerId, MarketEvents.TransactionUpdated, signal, ct);
            await realtime.NotifyUserAsync(e.SellerId, MarketEvents.TransactionUpdated, signal, ct);
        });
        return Task.CompletedTask;
    }
}

/// <summary>Watchers hear when a watched listing gets cheaper or is sold.</summary>
public sealed class NotifyWatchers(IListingWatchStore watches, IRealtimeNotifier realtime, RollbackActions actions)
    : INotificationHandler<DomainEventNotification<ListingPriceDropped>>, INotificationHandler<DomainEventNotification<ListingSold>>
{
    public Task Handle(DomainEventNotification<ListingPriceDropped> notification, CancellationToken cancellationToken)
    {
        var e = notification.DomainEvent;
        return NotifyAsync(e.ListingId, e.SellerId, MarketEvents.WatchedPriceDropped,
            new WatchedListingSignal(e.ListingId, e.Title, MarketRules.Format(e.OldPrice), MarketRules.Format(e.NewPrice), e.Currency), cancellationToken);
    }

    public Task Handle(DomainEventNotification<ListingSold> notification, CancellationToken cancellationToken)
    {
        var e = notification.DomainEvent;
        return NotifyAsync(e.ListingId, e.SellerId, MarketEvents.WatchedSold, new WatchedListingSignal(e.ListingId, e.Title, null, null, null), cancellationToken);
    }

    private async Task NotifyAsync(Guid listingId, Guid sellerId, string type, WatchedListingSignal signal, CancellationToken cancellationToken)
    {
        var watchers = (await watches.WatcherIdsAsync(listingId, cancellationToken)).Where(id => id != sellerId).ToList();
        actions.AfterCommit(async ct =>
        {
            foreach (var watcher in watchers)
            {
                await realtime.NotifyUserAsync(watcher, type, signal, ct);
            }
        });
    }
}

/// <summary>A listing that leaves the market before a sale (archived, expired, hidden) closes the offers still waiting on it, in the same transaction.</summary>
public sealed class CloseOffersOfWithdrawnListing(IOfferRepository offers, IClock clock) : INotificationHandler<DomainEventNotification<ListingWithdrawn>>
{
    public const string Reason = "The listing was taken off the market.";

    public async Task Handle(DomainEventNotification<ListingWithdrawn> notification, CancellationToken cancellationToken)
    {
        foreach (var offer in await offers.ListOpenInvolvingAsync([notification.DomainEvent.ListingId], null, cancellationToken))
        {
            offer.Close(Reason, clock.UtcNow);
        }
    }
}

/// <summary>Each time a listing goes on the market, its expiry is queued for when its time is up (a stale one finds it renewed and does nothing).</summary>
public sealed class ScheduleListingExpiry(IJobScheduler jobs) : INotificationHandler<DomainEventNotification<ListingPublished>>
{
    public Task Handle(DomainEventNotification<ListingPublished> notification, CancellationToken cancellationToken)
    {
        jobs.Enqueue(new ExpireListingJob(notification.DomainEvent.ListingId), notification.DomainEvent.ExpiresAt);
        return Task.CompletedTask;
    }
}
