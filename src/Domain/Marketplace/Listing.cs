using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Domain.Marketplace;

/// <summary>
/// Something a seller offers: gear, a track licence. Its life: draft → active (published, until it expires)
/// → reserved (an offer was accepted) → sold (the buyer received it); reserved goes back to active when the
/// transaction is cancelled; draft and active can be archived (withdrawn, expired, or deleted while it has offers).
/// Sold and archived are final: nothing changes a sold listing. A reserved listing's price is locked, being
/// what the accepted offer was measured against. Hidden by a moderator, it leaves every list but its seller's.
/// </summary>
public sealed class Listing : Entity
{
    private readonly List<ListingImage> _images = [];

    private Listing()
    {
        Title = string.Empty;
        Tags = [];
    }

    public Guid SellerId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public ListingKind Kind { get; private set; }
    public decimal? Price { get; private set; }
    public string? Currency { get; private set; }
    public ListingCondition Condition { get; private set; }
    public Guid CategoryId { get; private set; }
    public List<string> Tags { get; private set; }
    public string? Location { get; private set; }
    public Guid? TrackId { get; private set; }

    /// <summary>The seller's own gear this listing sells, when it names one.</summary>
    public Guid? UserProductId { get; private set; }

    public ListingStatus Status { get; private set; }
    public DateTimeOffset? HiddenAt { get; private set; }
    public string? HiddenReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>When an active listing is archived unless sold or reserved first; renewed each time it is (re)published.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The pictures, in display order.</summary>
    public IReadOnlyList<ListingImage> Images => Ordered();

    public bool IsFinal => Status is ListingStatus.Sold or ListingStatus.Archived;

    public static Listing Create(Guid id, Guid sellerId, ListingTerms terms, bool publish, DateTimeOffset now, TimeSpan lifetime)
    {
        var listing = new Listing
        {
            Id = id,
            SellerId = sellerId,
            Status = ListingStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        listing.Apply(terms, now, announceTags: false);
        listing.Raise(new ListingCreated(id, sellerId, now, [.. listing.Tags]));
        if (publish)
        {
            listing.Publish(now, lifetime);
        }

        return listing;
    }

    /// <summary>The terms as they stand, to be edited field by field.</summary>
    public ListingTerms Terms => new(Title, Description, Kind, Price, Currency, Condition, CategoryId, Tags, Location, TrackId, UserProductId);

    /// <summary>Replaces the terms (the caller starts from <see cref="Terms"/> and changes what it was sent).</summary>
    public EditListingOutcome Edit(ListingTerms terms, DateTimeOffset now)
    {
        if (IsFinal)
        {
            return EditListingOutcome.Final;
        }

        if (Status == ListingStatus.Reserved && (terms.Price != Price || terms.Currency != Currency || terms.Kind != Kind))
        {
            return EditListingOutcome.PriceLocked;
        }

        var before = (Price, Currency);
        Apply(terms, now, announceTags: true);
        UpdatedAt = now;
        if (IsAvailable && before.Currency == Currency && before.Price is { } was && Price is { } price && price < was)
        {
            Raise(new ListingPriceDropped(Id, SellerId, Title, was, price, Currency!, now));
        }

        return EditListingOutcome.Edited;
    }

    /// <summary>draft → active, for <paramref name="lifetime"/> from now.</summary>
    public bool Publish(DateTimeOffset now, TimeSpan lifetime)
    {
        if (Status != ListingStatus.Draft || HiddenAt is not null)
        {
            return false;
        }

        Status = ListingStatus.Active;
        PublishedAt = now;
        ExpiresAt = now + lifetime;
        UpdatedAt = now;
        Raise(new ListingPublished(Id, ExpiresAt.Value, now));
        return true;
    }

    /// <summary>active → draft (the caller makes sure no offer is waiting on it).</summary>
    public bool Unpublish(DateTimeOffset now)
    {
        if (Status != ListingStatus.Active)
        {
            return false;
        }

        Status = ListingStatus.Draft;
        ExpiresAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Whether offers may be made on it, or it may be offered in a barter.</summary>
    public bool IsAvailable => Status == ListingStatus.Active && HiddenAt is null;

    /// <summary>active → reserved: an offer on it (or offering it) was accepted.</summary>
    public bool Reserve(DateTimeOffset now)
    {
        if (!IsAvailable)
        {
            return false;
        }

        Status = ListingStatus.Reserved;
        UpdatedAt = now;
        return true;
    }

    /// <summary>reserved → active: its transaction was cancelled; it is on the market for a full lifetime again.</summary>
    public bool Release(DateTimeOffset now, TimeSpan lifetime)
    {
        if (Status != ListingStatus.Reserved)
        {
            return false;
        }

        Status = ListingStatus.Active;
        ExpiresAt = now + lifetime;
        UpdatedAt = now;
        Raise(new ListingPublished(Id, ExpiresAt.Value, now));
        return true;
    }

    /// <summary>reserved → sold: the buyer received it.</summary>
    public bool MarkSold(DateTimeOffset now)
    {
        if (Status != ListingStatus.Reserved)
        {
            return false;
        }

        Status = ListingStatus.Sold;
        ExpiresAt = null;
        UpdatedAt = now;
        Raise(new ListingSold(Id, SellerId, Title, now));
        return true;
    }

    /// <summary>draft or active → archived (withdrawn by its seller or an admin).</summary>
    public bool Archive(DateTimeOffset now)
    {
        if (Status is not (ListingStatus.Draft or ListingStatus.Active))
        {
            return false;
        }

        Status = ListingStatus.Archived;
        ExpiresAt = null;
        UpdatedAt = now;
        Raise(new ListingWithdrawn(Id, now));
        return true;
    }

    /// <summary>Archives an active listing whose time is up; false when it is not (sold, reserved, renewed since).</summary>
    public bool Expire(DateTimeOffset now) => Status == ListingStatus.Active && ExpiresAt <= now && Archive(now);

    /// <summary>Whether the seller may remove the row outright (nothing refers to it) rather than archive it.</summary>
    public bool IsDeletable(bool hasOffers) => !hasOffers && Status is ListingStatus.Draft or ListingStatus.Active;

    /// <summary>A moderator takes it off the market: out of every list and search, and its waiting offers end.</summary>
    public bool Hide(string reason, DateTimeOffset now)
    {
        if (HiddenAt is not null)
        {
            return false;
        }

        HiddenAt = now;
        HiddenReason = reason;
        UpdatedAt = now;
        Raise(new ListingWithdrawn(Id, now));
        return true;
    }

    /// <summary>Removes the listing (only when <see cref="IsDeletable"/>): its images' files go with it.</summary>
    public void Delete(DateTimeOffset now) => Raise(new ListingDeleted(Id, [.. _images.Select(i => i.Id)], now, [.. Tags]));

    /// <summary>Whether the viewer may open it by id: its seller and admins always; others when published and not hidden.</summary>
    public bool IsVisibleTo(Guid? viewerId, bool viewerIsAdmin) =>
        viewerIsAdmin || viewerId == SellerId || (HiddenAt is null && Status is ListingStatus.Active or ListingStatus.Reserved or ListingStatus.Sold);

    public AddImageOutcome AddImage(Guid imageId, int width, int height, DateTimeOffset now)
    {
        if (IsFinal)
        {
            return AddImageOutcome.Final;
        }

        if (_images.Count >= MarketRules.MaxImages)
        {
            return AddImageOutcome.Full;
        }

        _images.Add(new ListingImage(imageId, Id, _images.Count, width, height, now));
        UpdatedAt = now;
        return AddImageOutcome.Added;
    }

    public RemoveImageOutcome RemoveImage(Guid imageId, DateTimeOffset now)
    {
        if (IsFinal)
        {
            return RemoveImageOutcome.Final;
        }

        var image = _images.FirstOrDefault(i => i.Id == imageId);
        if (image is null)
        {
            return RemoveImageOutcome.NotFound;
        }

        _images.Remove(image);
        Renumber(Ordered());
        UpdatedAt = now;
        return RemoveImageOutcome.Removed;
    }

    /// <summary>Puts the images in the order given, which must name exactly the listing's images, each once.</summary>
    public bool ReorderImages(IReadOnlyList<Guid> imageIds, DateTimeOffset now)
    {
        var byId = _images.ToDictionary(i => i.Id);
        if (IsFinal || imageIds.Count != byId.Count || imageIds.Distinct().Count() != imageIds.Count || !imageIds.All(byId.ContainsKey))
        {
            return false;
        }

        Renumber([.. imageIds.Select(id => byId[id])]);
        UpdatedAt = now;
        return true;
    }

    /// <param name="announceTags">False on creation: <see cref="ListingCreated"/> carries the first tags.</param>
    private void Apply(ListingTerms terms, DateTimeOffset now, bool announceTags)
    {
        var (price, currency) = MarketRules.CheckMoney(terms.Price, terms.Currency, "A price");
        if (terms.Kind.NeedsPrice() && price is null)
        {
            throw new DomainException("A listing for sale needs a price and its currency.");
        }

        if (!terms.Kind.NeedsPrice() && price is not null)
        {
            throw new DomainException("A trade listing has no price: the seller takes other gear, not money.");
        }

        // Everything is checked before anything changes: a refused edit leaves the listing as it was.
        var title = MarketRules.CheckTitle(terms.Title);
        var description = MarketRules.CheckDescription(terms.Description);
        var tags = TrackRules.NormalizeTags(terms.Tags);
        var location = MarketRules.CheckLocation(terms.Location);
        if (announceTags && !tags.SequenceEqual(Tags))
        {
            Raise(new ListingTagsChanged(Id, [.. Tags], tags, now));
        }

        Title = title;
        Description = description;
        Kind = terms.Kind;
        Price = price;
        Currency = currency;
        Condition = terms.Condition;
        CategoryId = terms.CategoryId;
        Tags = [.. tags];
        Location = location;
        TrackId = terms.TrackId;
        UserProductId = terms.UserProductId;
    }

    private List<ListingImage> Ordered()
    {
        _images.Sort((a, b) => a.Position.CompareTo(b.Position));
        return _images;
    }

    private static void Renumber(List<ListingImage> images)
    {
        for (var i = 0; i < images.Count; i++)
        {
            images[i].MoveTo(i);
        }
    }
}

/// <summary>What a seller says about the thing for sale; a listing checks them whole.</summary>
public sealed record ListingTerms(
    string Title,
    string? Description,
    ListingKind Kind,
    decimal? Price,
    string? Currency,
    ListingCondition Condition,
    Guid CategoryId,
    IReadOnlyList<string> Tags,
    string? Location,
    Guid? TrackId,
    Guid? UserProductId = null);

/// <summary>One picture of a listing: stored re-encoded (see <see cref="ListingImageRules"/>), shown at its position.</summary>
public sealed class ListingImage
{
    internal ListingImage(Guid id, Guid listingId, int position, int width, int height, DateTimeOffset createdAt)
    {
        Id = id;
        ListingId = listingId;
        Position = position;
        Width = width;
        Height = height;
        CreatedAt = createdAt;
    }

    private ListingImage()
    {
    }

    public Guid Id { get; private set; }
    public Guid ListingId { get; private set; }
    public int Position { get; private set; }

    /// <summary>The source's size in pixels (the variants keep its proportions).</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal void MoveTo(int position) => Position = position;
}

public enum EditListingOutcome
{
    Edited,

    /// <summary>Sold or archived: nothing changes any more (422).</summary>
    Final,

    /// <summary>Reserved: the price, currency and kind are what the accepted offer was made on (422).</summary>
    PriceLocked,
}

public enum AddImageOutcome
{
    Added,
    Full,
    Final,
}

public enum RemoveImageOutcome
{
    Removed,
    NotFound,
    Final,
}
