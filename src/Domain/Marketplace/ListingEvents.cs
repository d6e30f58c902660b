using Veza.Domain.Common;

namespace Veza.Domain.Marketplace;

public sealed record ListingCreated(Guid ListingId, Guid SellerId, DateTimeOffset OccurredAt, IReadOnlyList<string>? Tags = null) : IDomainEvent;

/// <summary>On the market until <paramref name="ExpiresAt"/> (published, or back after a cancelled transaction).</summary>
public sealed record ListingPublished(Guid ListingId, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>An active listing's price went down: its watchers hear about it.</summary>
public sealed record ListingPriceDropped(Guid ListingId, Guid SellerId, string Title, decimal OldPrice, decimal NewPrice, string Currency, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record ListingSold(Guid ListingId, Guid SellerId, string Title, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>Off the market before a sale (archived, expired or hidden): offers still waiting on it end.</summary>
public sealed record ListingWithdrawn(Guid ListingId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record ListingDeleted(Guid ListingId, IReadOnlyList<Guid> ImageIds, DateTimeOffset OccurredAt, IReadOnlyList<string>? Tags = null) : IDomainEvent;

/// <summary>An edit changed the listing's tags (a new listing's come with <see cref="ListingCreated"/>): tag usage counts follow.</summary>
public sealed record ListingTagsChanged(Guid ListingId, IReadOnlyList<string> Before, IReadOnlyList<string> After, DateTimeOffset OccurredAt) : IDomainEvent;
