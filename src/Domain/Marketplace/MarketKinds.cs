namespace Veza.Domain.Marketplace;

/// <summary>What the seller takes in exchange: money, other gear, or either.</summary>
public enum ListingKind
{
    Sale,
    Trade,
    SaleOrTrade,
}

public enum ListingCondition
{
    New,
    LikeNew,
    Good,
    Fair,
    ForParts,
}

/// <summary>draft → active → reserved → sold, and archived; see <see cref="Listing"/>.</summary>
public enum ListingStatus
{
    Draft,
    Active,
    Reserved,
    Sold,
    Archived,
}

/// <summary>pending → countered → accepted | rejected | withdrawn | expired; see <see cref="Offer"/>.</summary>
public enum OfferStatus
{
    Pending,
    Countered,
    Accepted,
    Rejected,
    Withdrawn,
    Expired,
}

/// <summary>The two sides of an offer and of a transaction.</summary>
public enum MarketParty
{
    Buyer,
    Seller,
}

/// <summary>What one step in an offer's history was.</summary>
public enum OfferMoveKind
{
    Offer,
    Counter,
    Accept,
    Reject,
    Withdraw,
    Expire,
}

/// <summary>open → shipped → completed, or cancelled by both parties before completion.</summary>
public enum TransactionStatus
{
    Open,
    Shipped,
    Completed,
    Cancelled,
}
