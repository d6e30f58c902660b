using Veza.Domain.Common;

namespace Veza.Domain.Marketplace;

/// <summary>
/// A buyer's offer on a listing and the negotiation that follows, in one aggregate: money, other listings of the
/// buyer's (barter), or both. The parties move in turn: after the buyer's offer it is the seller's turn; each
/// counter (either side) changes the terms and hands the turn over. The party whose turn it is accepts or
/// rejects; the buyer may withdraw at any time while it is open. An answer not given within the offer's
/// lifetime expires it. Every move is kept in its history. Open: pending and countered; the rest are final.
/// </summary>
public sealed class Offer : Entity
{
    private readonly List<OfferMove> _moves = [];

    private Offer()
    {
        OfferedListingIds = [];
    }

    public Guid ListingId { get; private set; }
    public Guid BuyerId { get; private set; }
    public Guid SellerId { get; private set; }
    public OfferStatus Status { get; private set; }

    /// <summary>The terms on the table now (the last offer or counter).</summary>
    public decimal? Amount { get; private set; }

    public string? Currency { get; private set; }
    public List<Guid> OfferedListingIds { get; private set; }

    /// <summary>Who answers next (open offers only).</summary>
    public MarketParty Turn { get; private set; }

    /// <summary>When it expires unless answered: each move sets it a lifetime ahead.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public Guid? TransactionId { get; private set; }

    /// <summary>Why it ended without an answer from a party (the listing went to another offer, was withdrawn or hidden).</summary>
    public string? ClosedReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<OfferMove> Moves => [.. _moves.OrderBy(m => m.Sequence)];

    public bool IsOpen => Status is OfferStatus.Pending or OfferStatus.Countered;

    /// <summary>Every listing that changes hands if it is accepted: the one offered on, then the buyer's bartered ones.</summary>
    public IReadOnlyList<Guid> ListingIds => [ListingId, .. OfferedListingIds];

    /// <summary>The buyer's first move.</summary>
    /// <param name="offered">The listings named in <paramref name="terms"/>, as loaded (missing ones are simply absent).</param>
    public static Offer Make(Guid id, Listing listing, Guid buyerId, OfferTerms terms, IReadOnlyCollection<Listing> offered, DateTimeOffset now, TimeSpan lifetime)
    {
        if (listing.SellerId == buyerId)
        {
            throw new DomainException("A seller cannot make an offer on their own listing.");
        }

        if (!listing.IsAvailable)
        {
            throw new DomainException("The listing is not on the market: only active listings take offers.");
        }

        var offer = new Offer
        {
            Id = id,
            ListingId = listing.Id,
            BuyerId = buyerId,
            SellerId = listing.SellerId,
            Status = OfferStatus.Pending,
            CreatedAt = now,
        };
        offer.Propose(MarketParty.Buyer, OfferMoveKind.Offer, listing, terms, offered, now, lifetime);
        return offer;
    }

    /// <summary>The party whose turn it is changes the terms; the turn passes to the other.</summary>
    public OfferMoveOutcome Counter(MarketParty by, Listing listing, OfferTerms terms, IReadOnlyCollection<Listing> offered, DateTimeOffset now, TimeSpan lifetime)
    {
        if (Refusal(by) is { } refused)
        {
            return refused;
        }

        if (!listing.IsAvailable)
        {
            // Reserved for another offer, withdrawn or hidden meanwhile: this negotiation can only end now.
            return OfferMoveOutcome.ListingUnavailable;
        }

        Propose(by, OfferMoveKind.Counter, listing, terms, offered, now, lifetime);
        return OfferMoveOutcome.Done;
    }

    /// <summary>The party whose turn it is agrees to the terms on the table: the transaction opens (the caller reserves the listings).</summary>
    public OfferMoveOutcome Accept(MarketParty by, Guid transactionId, DateTimeOffset now)
    {
        if (Refusal(by) is { } refused)
        {
            return refused;
        }

        TransactionId = transactionId;
        End(OfferStatus.Accepted, OfferMoveKind.Accept, by, null, now);
        return OfferMoveOutcome.Done;
    }

    /// <summary>The party whose turn it is declines; the negotiation ends.</summary>
    public OfferMoveOutcome Reject(MarketParty by, string? message, DateTimeOffset now)
    {
        if (Refusal(by) is { } refused)
        {
            return refused;
        }

        End(OfferStatus.Rejected, OfferMoveKind.Reject, by, MarketRules.CheckMessage(message), now);
        return OfferMoveOutcome.Done;
    }

    /// <summary>The buyer takes the offer back, whoever's turn it is.</summary>
    public OfferMoveOutcome Withdraw(MarketParty by, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return OfferMoveOutcome.Final;
        }

        if (by != MarketParty.Buyer)
        {
            return OfferMoveOutcome.NotTheBuyer;
        }

        End(OfferStatus.Withdrawn, OfferMoveKind.Withdraw, by, null, now);
        return OfferMoveOutcome.Done;
    }

    /// <summary>Ends an open offer nobody answered in time; false when it was answered since (a later move moved the deadline).</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (!IsOpen || ExpiresAt > now)
        {
            return false;
        }

        End(OfferStatus.Expired, OfferMoveKind.Expire, null, null, now);
        return true;
    }

    /// <summary>Rejects an open offer on the platform's behalf: a listing it involves went to another offer or off the market.</summary>
    public bool Close(string reason, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return false;
        }

        ClosedReason = reason;
        End(OfferStatus.Rejected, OfferMoveKind.Reject, null, reason, now);
        return true;
    }

    /// <summary>The side <paramref name="userId"/> is on, or null for anyone else.</summary>
    public MarketParty? PartyOf(Guid userId) =>
        userId == BuyerId ? MarketParty.Buyer : userId == SellerId ? MarketParty.Seller : null;

    private OfferMoveOutcome? Refusal(MarketParty by) =>
        !IsOpen ? OfferMoveOutcome.Final : by != Turn ? OfferMoveOutcome.NotYourTurn : null;

    private void Propose(MarketParty by, OfferMoveKind kind, Listing listing, OfferTerms terms, IReadOnlyCollection<Listing> offered, DateTimeOffset now, TimeSpan lifetime)
    {
        if (listing.Id != ListingId)
        {
            throw new ArgumentException("The listing is not the one this offer is on.", nameof(listing));
        }

        var (amount, currency) = MarketRules.CheckMoney(terms.Amount, terms.Currency, "An offer's amount");
        var barter = CheckBarter(listing, terms.OfferedListingIds, offered);
        if (amount is null && barter.Count == 0)
        {
            throw new DomainException("An offer names an amount, listings of the buyer's to trade, or both.");
        }

        if (amount is not null && listing.Kind == ListingKind.Sale && barter.Count > 0)
        {
            throw new DomainException("This listing is for sale only: offer money, not other listings.");
        }

        if (barter.Count == 0 && listing.Kind == ListingKind.Trade)
        {
            throw new DomainException("This listing is for trade: offer listings of yours (with money on top if you like).");
        }

        if (amount is not null && listing.Currency is { } asked && currency != asked)
        {
            throw new DomainException($"The listing is priced in {asked}: offer in that currency.");
        }

        // Checked above, changed below: a refused move leaves the offer as it was.
        if (kind == OfferMoveKind.Counter)
        {
            Status = OfferStatus.Countered;
        }

        Amount = amount;
        Currency = currency;
        OfferedListingIds = [.. barter];
        Turn = by == MarketParty.Buyer ? MarketParty.Seller : MarketParty.Buyer;
        ExpiresAt = now + lifetime;
        UpdatedAt = now;
        _moves.Add(new OfferMove(Guid.CreateVersion7(now), Id, _moves.Count + 1, kind, by, amount, currency, barter, MarketRules.CheckMessage(terms.Message), now));
        Raise(new OfferChanged(Id, ListingId, BuyerId, SellerId, kind, by, Status, now));
    }

    private List<Guid> CheckBarter(Listing listing, IReadOnlyList<Guid> ids, IReadOnlyCollection<Listing> offered)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return distinct;
        }

        if (!listing.Kind.TakesBarter())
        {
            throw new DomainException("This listing is for sale only: offer money, not other listings.");
        }

        if (distinct.Count > MarketRules.MaxBarterListings)
        {
            throw new DomainException($"An offer trades at most {MarketRules.MaxBarterListings} listings.");
        }

        var byId = offered.ToDictionary(l => l.Id);
        foreach (var id in distinct)
        {
            if (!byId.TryGetValue(id, out var item) || item.SellerId != BuyerId)
            {
                throw new DomainException("Only the buyer's own listings can be offered in trade.");
            }

            if (!item.IsAvailable)
            {
                throw new DomainException("A listing offered in trade must be active (not a draft, reserved, sold or hidden).");
            }
        }

        return distinct;
    }

    private void End(OfferStatus status, OfferMoveKind kind, MarketParty? by, string? message, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
        _moves.Add(new OfferMove(Guid.CreateVersion7(now), Id, _moves.Count + 1, kind, by, Amount, Currency, OfferedListingIds, message, now));
        Raise(new OfferChanged(Id, ListingId, BuyerId, SellerId, kind, by, status, now));
    }
}

/// <summary>What one side puts on the table.</summary>
public sealed record OfferTerms(decimal? Amount, string? Currency, IReadOnlyList<Guid> OfferedListingIds, string? Message);

/// <summary>One step of a negotiation, with the terms as they stood after it; <see cref="By"/> is null for the platform (expiry, closing).</summary>
public sealed class OfferMove
{
    internal OfferMove(Guid id, Guid offerId, int sequence, OfferMoveKind kind, MarketParty? by, decimal? amount, string? currency, List<Guid> offeredListingIds, string? message, DateTimeOffset createdAt)
    {
        Id = id;
        OfferId = offerId;
        Sequence = sequence;
        Kind = kind;
        By = by;
        Amount = amount;
        Currency = currency;
        OfferedListingIds = offeredListingIds;
        Message = message;
        CreatedAt = createdAt;
    }

    private OfferMove()
    {
        OfferedListingIds = [];
    }

    public Guid Id { get; private set; }
    public Guid OfferId { get; private set; }
    public int Sequence { get; private set; }
    public OfferMoveKind Kind { get; private set; }
    public MarketParty? By { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }
    public List<Guid> OfferedListingIds { get; private set; }
    public string? Message { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum OfferMoveOutcome
{
    Done,

    /// <summary>The other party is to answer (422).</summary>
    NotYourTurn,

    /// <summary>Accepted, rejected, withdrawn or expired already (422).</summary>
    Final,

    /// <summary>Only the buyer withdraws (422).</summary>
    NotTheBuyer,

    /// <summary>The listing is no longer on the market: the offer can be rejected, withdrawn or left to expire (422).</summary>
    ListingUnavailable,
}

/// <summary>A move in a negotiation (or its end): both parties hear of it.</summary>
public sealed record OfferChanged(Guid OfferId, Guid ListingId, Guid BuyerId, Guid SellerId, OfferMoveKind Move, MarketParty? By, OfferStatus Status, DateTimeOffset OccurredAt) : IDomainEvent;
