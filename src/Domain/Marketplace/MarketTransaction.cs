using Veza.Domain.Common;

namespace Veza.Domain.Marketplace;

/// <summary>
/// What two people agreed when an offer was accepted; the money (if any) moves outside the platform. The
/// seller marks it shipped, the buyer marks it received (which completes it, shipped or handed over in
/// person); before that, it is cancelled only when both parties ask. Once complete, each party rates the
/// other once.
/// </summary>
public sealed class MarketTransaction : Entity
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    private readonly List<Rating> _ratings = [];

    private MarketTransaction()
    {
        BarteredListingIds = [];
    }

    public Guid OfferId { get; private set; }
    public Guid ListingId { get; private set; }
    public Guid BuyerId { get; private set; }
    public Guid SellerId { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }
    public List<Guid> BarteredListingIds { get; private set; }
    public TransactionStatus Status { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public DateTimeOffset? BuyerCancelRequestedAt { get; private set; }
    public DateTimeOffset? SellerCancelRequestedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<Rating> Ratings => _ratings;

    /// <summary>The listing sold and the buyer's bartered ones: all reserved while it is open.</summary>
    public IReadOnlyList<Guid> ListingIds => [ListingId, .. BarteredListingIds];

    public bool IsOpen => Status is TransactionStatus.Open or TransactionStatus.Shipped;

    /// <summary>Opens the transaction of an offer just accepted (<see cref="Offer.Accept"/> gave it its id).</summary>
    public static MarketTransaction Open(Offer offer, DateTimeOffset now)
    {
        if (offer.Status != OfferStatus.Accepted || offer.TransactionId is not { } id)
        {
            throw new InvalidOperationException("Only an accepted offer opens a transaction.");
        }

        var transaction = new MarketTransaction
        {
            Id = id,
            OfferId = offer.Id,
            ListingId = offer.ListingId,
            BuyerId = offer.BuyerId,
            SellerId = offer.SellerId,
            Amount = offer.Amount,
            Currency = offer.Currency,
            BarteredListingIds = [.. offer.OfferedListingIds],
            Status = TransactionStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        transaction.Raise(new TransactionChanged(id, transaction.BuyerId, transaction.SellerId, TransactionStatus.Open, now));
        return transaction;
    }

    public MarketParty? PartyOf(Guid userId) =>
        userId == BuyerId ? MarketParty.Buyer : userId == SellerId ? MarketParty.Seller : null;

    /// <summary>The seller sent it.</summary>
    public TransactionOutcome MarkShipped(MarketParty by, DateTimeOffset now)
    {
        if (by != MarketParty.Seller)
        {
            return TransactionOutcome.NotYourPart;
        }

        if (Status != TransactionStatus.Open)
        {
            return TransactionOutcome.WrongState;
        }

        Status = TransactionStatus.Shipped;
        ShippedAt = now;
        Changed(now);
        return TransactionOutcome.Done;
    }

    /// <summary>The buyer has it: the transaction is complete (the caller marks the listings sold).</summary>
    public TransactionOutcome MarkReceived(MarketParty by, DateTimeOffset now)
    {
        if (by != MarketParty.Buyer)
        {
            return TransactionOutcome.NotYourPart;
        }

        if (!IsOpen)
        {
            return TransactionOutcome.WrongState;
        }

        Status = TransactionStatus.Completed;
        CompletedAt = now;
        Changed(now);
        return TransactionOutcome.Done;
    }

    /// <summary>One party asks to call it off; when both have, it is cancelled (the caller puts the listings back on the market).</summary>
    public CancelOutcome RequestCancel(MarketParty by, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return CancelOutcome.WrongState;
        }

        if (by == MarketParty.Buyer)
        {
            BuyerCancelRequestedAt ??= now;
        }
        else
        {
            SellerCancelRequestedAt ??= now;
        }

        UpdatedAt = now;
        if (BuyerCancelRequestedAt is null || SellerCancelRequestedAt is null)
        {
            Raise(new TransactionChanged(Id, BuyerId, SellerId, Status, now));
            return CancelOutcome.Requested;
        }

        Status = TransactionStatus.Cancelled;
        CancelledAt = now;
        Changed(now);
        return CancelOutcome.Cancelled;
    }

    /// <summary>A party rates the other, once, after completion.</summary>
    public RateOutcome Rate(MarketParty by, Guid ratingId, int score, string? comment, DateTimeOffset now)
    {
        if (Status != TransactionStatus.Completed)
        {
            return RateOutcome.NotCompleted;
        }

        var rater = by == MarketParty.Buyer ? BuyerId : SellerId;
        if (_ratings.Any(r => r.RaterId == rater))
        {
            return RateOutcome.AlreadyRated;
        }

        if (score is < MinScore or > MaxScore)
        {
            throw new DomainException($"A score is {MinScore} to {MaxScore}.");
        }

        var ratee = by == MarketParty.Buyer ? SellerId : BuyerId;
        _ratings.Add(new Rating(ratingId, Id, rater, ratee, score, Tracks.TrackRules.CheckOptional(comment, MarketRules.CommentMaxLength, "A comment"), now));
        UpdatedAt = now;
        return RateOutcome.Rated;
    }

    private void Changed(DateTimeOffset now)
    {
        UpdatedAt = now;
        Raise(new TransactionChanged(Id, BuyerId, SellerId, Status, now));
    }
}

/// <summary>One party's rating of the other after a completed transaction.</summary>
public sealed class Rating
{
    internal Rating(Guid id, Guid transactionId, Guid raterId, Guid rateeId, int score, string? comment, DateTimeOffset createdAt)
    {
        Id = id;
        TransactionId = transactionId;
        RaterId = raterId;
        RateeId = rateeId;
        Score = score;
        Comment = comment;
        CreatedAt = createdAt;
    }

    private Rating()
    {
    }

    public Guid Id { get; private set; }
    public Guid TransactionId { get; private set; }
    public Guid RaterId { get; private set; }
    public Guid RateeId { get; private set; }
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum TransactionOutcome
{
    Done,

    /// <summary>The other party's step (the seller ships, the buyer receives) (403).</summary>
    NotYourPart,

    /// <summary>Not at a stage that allows it (422).</summary>
    WrongState,
}

public enum CancelOutcome
{
    /// <summary>Recorded; the other party has not asked yet.</summary>
    Requested,
    Cancelled,
    WrongState,
}

public enum RateOutcome
{
    Rated,

    /// <summary>Ratings come after completion (422).</summary>
    NotCompleted,

    /// <summary>Each party rates once (409).</summary>
    AlreadyRated,
}

/// <summary>A step of a transaction: both parties hear of it.</summary>
public sealed record TransactionChanged(Guid TransactionId, Guid BuyerId, Guid SellerId, TransactionStatus Status, DateTimeOffset OccurredAt) : IDomainEvent;
