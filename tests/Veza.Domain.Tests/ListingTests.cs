using System.Reflection;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using static Veza.Domain.Tests.MarketplaceFixtures;

namespace Veza.Domain.Tests;

public class ListingTests
{
    private static readonly ListingStatus[] Statuses = Enum.GetValues<ListingStatus>();

    private static Listing WithImages(int count, ListingStatus status = ListingStatus.Active)
    {
        var listing = InStatus(ListingStatus.Active);
        for (var i = 0; i < count; i++)
        {
            Assert.That(listing.AddImage(Guid.NewGuid(), 1600 + i, 1200, Now), Is.EqualTo(AddImageOutcome.Added));
        }

        if (status == ListingStatus.Sold)
        {
            listing.Reserve(Now);
            listing.MarkSold(Now);
        }
        else if (status == ListingStatus.Archived)
        {
            listing.Archive(Now);
        }

        Assert.That(listing.Status, Is.EqualTo(status));
        return listing;
    }

    private static void AssertImages(Listing listing, params Guid[] expectedOrder)
    {
        Assert.Multiple(() =>
        {
            Assert.That(listing.Images.Select(i => i.Id), Is.EqualTo(expectedOrder));
            Assert.That(listing.Images.Select(i => i.Position), Is.EqualTo(Enumerable.Range(0, expectedOrder.Length)));
        });
    }

    private static Guid[] ImageIds(Listing listing) => [.. listing.Images.Select(i => i.Id)];

    // --- creation ---

    [Test]
    public void A_listing_created_as_a_draft_is_off_the_market_with_its_terms_cleaned()
    {
        var id = Guid.NewGuid();
        var terms = SaleTerms() with { Title = "  Roland Juno-60  ", Description = "   ", Tags = [" Analog ", "analog", "Poly  Synth"], Location = " Lyon " };

        var listing = Listing.Create(id, Seller, terms, false, Now, Lifetime);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Draft));
            Assert.That(listing.SellerId, Is.EqualTo(Seller));
            Assert.That(listing.Title, Is.EqualTo("Roland Juno-60"));
            Assert.That(listing.Description, Is.Null);
            Assert.That(listing.Tags, Is.EqualTo(new[] { "analog", "poly synth" }));
            Assert.That(listing.Location, Is.EqualTo("Lyon"));
            Assert.That((listing.Kind, listing.Price, listing.Currency), Is.EqualTo((ListingKind.Sale, (decimal?)100m, "EUR")));
            Assert.That(listing.PublishedAt, Is.Null);
            Assert.That(listing.ExpiresAt, Is.Null);
            Assert.That(listing.IsAvailable, Is.False);
            Assert.That(listing.IsFinal, Is.False);
            Assert.That(WithoutTags(listing.DomainEvents), Is.EqualTo(new IDomainEvent[] { new ListingCreated(id, Seller, Now) }));
        });
    }

    [Test]
    public void A_listing_created_published_is_on_the_market_for_one_lifetime()
    {
        var id = Guid.NewGuid();

        var listing = Listing.Create(id, Seller, SaleTerms(), true, Now, Lifetime);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
            Assert.That(listing.IsAvailable, Is.True);
            Assert.That(listing.PublishedAt, Is.EqualTo(Now));
            Assert.That(listing.ExpiresAt, Is.EqualTo(Now + Lifetime));
            Assert.That(WithoutTags(listing.DomainEvents), Is.EqualTo(new IDomainEvent[] { new ListingCreated(id, Seller, Now), new ListingPublished(id, Now + Lifetime, Now) }));
        });
    }

    [TestCase(ListingKind.Sale)]
    [TestCase(ListingKind.SaleOrTrade)]
    public void A_listing_for_sale_needs_a_price(ListingKind kind) =>
        Assert.Throws<DomainException>(() => Draft(SaleTerms(kind: kind) with { Price = null, Currency = null }));

    [Test]
    public void A_sale_or_trade_listing_keeps_its_price() =>
        Assert.That(Draft(SaleTerms(75m, "USD", ListingKind.SaleOrTrade)).Price, Is.EqualTo(75m));

    [Test]
    public void A_trade_listing_has_no_price()
    {
        var listing = Draft(TradeTerms());

        Assert.That((listing.Kind, listing.Price, listing.Currency), Is.EqualTo((ListingKind.Trade, (decimal?)null, (string?)null)));
        Assert.Throws<DomainException>(() => Draft(TradeTerms() with { Price = 100m, Currency = "EUR" }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("EURO")]
    [TestCase("eur")]
    [TestCase("XXX")]
    [TestCase("XAU")]
    public void A_price_needs_an_iso_4217_currency(string? currency) =>
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Currency = currency }));

    [Test]
    public void A_currency_without_a_price_is_refused() =>
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Price = null, Currency = "EUR" }));

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("10.555")]
    [TestCase("0.001")]
    [TestCase("100000000")]
    [TestCase("99999999.991")]
    public void A_price_outside_zero_to_the_maximum_or_finer_than_cents_is_refused(string price) =>
        Assert.Throws<DomainException>(() => Draft(SaleTerms(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));

    [TestCase("0.01")]
    [TestCase("10.5")]
    [TestCase("10.50")]
    [TestCase("99999999.99")]
    public void A_price_in_cents_up_to_the_maximum_is_accepted(string price)
    {
        var amount = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(Draft(SaleTerms(amount)).Price, Is.EqualTo(amount));
    }

    [TestCase("ab")]
    [TestCase("   ab   ")]
    [TestCase("")]
    public void A_title_shorter_than_three_characters_is_refused(string title) =>
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Title = title }));

    [Test]
    public void A_title_is_three_to_a_hundred_and_twenty_characters()
    {
        Assert.That(Draft(SaleTerms() with { Title = "abc" }).Title, Is.EqualTo("abc"));
        Assert.That(Draft(SaleTerms() with { Title = new string('t', MarketRules.TitleMaxLength) }).Title, Has.Length.EqualTo(120));
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Title = new string('t', MarketRules.TitleMaxLength + 1) }));
    }

    [Test]
    public void The_description_location_and_tags_are_held_to_their_limits()
    {
        Assert.DoesNotThrow(() => Draft(SaleTerms() with { Description = new string('d', MarketRules.DescriptionMaxLength), Location = new string('l', MarketRules.LocationMaxLength) }));
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Description = new string('d', MarketRules.DescriptionMaxLength + 1) }));
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Location = new string('l', MarketRules.LocationMaxLength + 1) }));
        Assert.Throws<DomainException>(() => Draft(SaleTerms() with { Tags = ["no/slashes"] }));
    }

    // --- editing ---

    [Test]
    public void Terms_give_back_what_the_listing_holds()
    {
        var listing = Draft();
        var expected = SaleTerms();

        Assert.That(listing.Terms with { Tags = expected.Tags }, Is.EqualTo(expected));
        Assert.That(listing.Terms.Tags, Is.EqualTo(expected.Tags));
    }

    [Test]
    public void Editing_replaces_the_terms()
    {
        var listing = Active();
        var category = Guid.NewGuid();
        var track = Guid.NewGuid();
        listing.TakeDomainEvents();

        var outcome = listing.Edit(listing.Terms with
        {
            Title = " Juno-60, mint ",
            Description = "Like new.",
            Condition = ListingCondition.LikeNew,
            CategoryId = category,
            Tags = ["Vintage"],
            Location = null,
            TrackId = track,
            Kind = ListingKind.SaleOrTrade,
        }, Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(EditListingOutcome.Edited));
            Assert.That(listing.Title, Is.EqualTo("Juno-60, mint"));
            Assert.That(listing.Description, Is.EqualTo("Like new."));
            Assert.That(listing.Condition, Is.EqualTo(ListingCondition.LikeNew));
            Assert.That(listing.CategoryId, Is.EqualTo(category));
            Assert.That(listing.Tags, Is.EqualTo(new[] { "vintage" }));
            Assert.That(listing.Location, Is.Null);
            Assert.That(listing.TrackId, Is.EqualTo(track));
            Assert.That(listing.Kind, Is.EqualTo(ListingKind.SaleOrTrade));
            Assert.That(listing.Price, Is.EqualTo(100m));
            Assert.That(listing.UpdatedAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
            Assert.That(listing.DomainEvents.OfType<ListingTagsChanged>().Select(e => (e.Before, e.After)).Single(), Is.EqualTo((new[] { "analog", "poly" }, new[] { "vintage" })),
                "the tag counts follow an edit; nothing else is announced");
            Assert.That(listing.DomainEvents, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Editing_to_a_trade_drops_the_price_and_editing_to_a_sale_needs_one()
    {
        var listing = Active();

        Assert.That(listing.Edit(listing.Terms with { Kind = ListingKind.Trade, Price = null, Currency = null }, Now), Is.EqualTo(EditListingOutcome.Edited));
        Assert.That((listing.Kind, listing.Price, listing.Currency), Is.EqualTo((ListingKind.Trade, (decimal?)null, (string?)null)));
        Assert.Throws<DomainException>(() => listing.Edit(listing.Terms with { Kind = ListingKind.Sale }, Now));
        Assert.That(listing.Kind, Is.EqualTo(ListingKind.Trade));
    }

    [Test]
    public void Refused_money_terms_leave_the_listing_as_it_was()
    {
        var listing = Active();

        Assert.Throws<DomainException>(() => listing.Edit(listing.Terms with { Title = "Another title", Price = 10.001m }, Now.AddHours(1)));
        Assert.Throws<DomainException>(() => listing.Edit(listing.Terms with { Title = "Another title", Currency = "EURO" }, Now.AddHours(1)));

        Assert.That((listing.Title, listing.Price, listing.Currency, listing.UpdatedAt), Is.EqualTo(("Roland Juno-60", (decimal?)100m, "EUR", Now)));
    }

    [Test]
    public void A_price_drop_on_an_active_listing_raises_ListingPriceDropped()
    {
        var listing = Active();
        listing.TakeDomainEvents();

        Assert.That(listing.Edit(listing.Terms with { Price = 79.90m }, Now.AddDays(1)), Is.EqualTo(EditListingOutcome.Edited));

        Assert.That(listing.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[]
        {
            new ListingPriceDropped(listing.Id, Seller, "Roland Juno-60", 100m, 79.90m, "EUR", Now.AddDays(1)),
        }));
        Assert.That(listing.Price, Is.EqualTo(79.90m));
    }

    [Test]
    public void The_price_drop_event_carries_the_new_title()
    {
        var listing = Active();

        listing.Edit(listing.Terms with { Title = "Juno-60 (price drop)", Price = 90m }, Now);

        Assert.That(listing.DomainEvents.OfType<ListingPriceDropped>().Single().Title, Is.EqualTo("Juno-60 (price drop)"));
    }

    [Test]
    public void A_price_drop_on_a_draft_raises_nothing()
    {
        var listing = Draft();
        listing.TakeDomainEvents();

        Assert.That(listing.Edit(listing.Terms with { Price = 50m }, Now), Is.EqualTo(EditListingOutcome.Edited));

        Assert.That(listing.Price, Is.EqualTo(50m));
        Assert.That(listing.DomainEvents, Is.Empty);
    }

    [Test]
    public void A_price_rise_the_same_price_or_a_change_of_currency_raises_no_drop()
    {
        var listing = Active();
        listing.TakeDomainEvents();

        listing.Edit(listing.Terms with { Price = 120m }, Now);
        listing.Edit(listing.Terms with { Price = 120m }, Now);
        listing.Edit(listing.Terms with { Price = 60m, Currency = "USD" }, Now);
        listing.Edit(listing.Terms with { Kind = ListingKind.Trade, Price = null, Currency = null }, Now);

        Assert.That(listing.DomainEvents.OfType<ListingPriceDropped>(), Is.Empty);
    }

    [Test]
    public void A_reserved_listing_refuses_a_price_change()
    {
        var listing = InStatus(ListingStatus.Reserved);

        Assert.That(listing.Edit(listing.Terms with { Price = 90m }, Now.AddHours(1)), Is.EqualTo(EditListingOutcome.PriceLocked));
        Assert.That((listing.Price, listing.UpdatedAt), Is.EqualTo(((decimal?)100m, Now)));
    }

    [Test]
    public void A_reserved_listing_refuses_a_change_of_currency_or_kind()
    {
        var listing = InStatus(ListingStatus.Reserved);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Edit(listing.Terms with { Currency = "USD" }, Now), Is.EqualTo(EditListingOutcome.PriceLocked));
            Assert.That(listing.Edit(listing.Terms with { Kind = ListingKind.SaleOrTrade }, Now), Is.EqualTo(EditListingOutcome.PriceLocked));
            Assert.That(listing.Edit(listing.Terms with { Kind = ListingKind.Trade, Price = null, Currency = null }, Now), Is.EqualTo(EditListingOutcome.PriceLocked));
        });
        Assert.That((listing.Kind, listing.Price, listing.Currency), Is.EqualTo((ListingKind.Sale, (decimal?)100m, "EUR")));
    }

    [Test]
    public void A_reserved_listing_still_takes_a_new_title_and_description()
    {
        var listing = InStatus(ListingStatus.Reserved);

        Assert.That(listing.Edit(listing.Terms with { Title = "Juno-60 (reserved)", Description = "On hold." }, Now.AddHours(1)), Is.EqualTo(EditListingOutcome.Edited));

        Assert.That((listing.Title, listing.Description, listing.Status, listing.UpdatedAt), Is.EqualTo(("Juno-60 (reserved)", "On hold.", ListingStatus.Reserved, Now.AddHours(1))));
    }

    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void A_final_listing_refuses_every_edit(ListingStatus status)
    {
        var listing = InStatus(status);

        Assert.Multiple(() =>
        {
            Assert.That(listing.IsFinal, Is.True);
            Assert.That(listing.Edit(listing.Terms with { Title = "New title" }, Now.AddHours(1)), Is.EqualTo(EditListingOutcome.Final));
            Assert.That(listing.Edit(listing.Terms with { Price = 1m }, Now.AddHours(1)), Is.EqualTo(EditListingOutcome.Final));
        });
        Assert.That((listing.Title, listing.Price), Is.EqualTo(("Roland Juno-60", (decimal?)100m)));
    }

    // --- publishing ---

    [Test]
    public void Publishing_a_draft_puts_it_on_the_market_until_it_expires()
    {
        var listing = Draft();
        var at = Now.AddDays(2);

        Assert.That(listing.Publish(at, Lifetime), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
            Assert.That(listing.PublishedAt, Is.EqualTo(at));
            Assert.That(listing.ExpiresAt, Is.EqualTo(at + Lifetime));
            Assert.That(listing.UpdatedAt, Is.EqualTo(at));
            Assert.That(listing.DomainEvents.OfType<ListingPublished>().Single(), Is.EqualTo(new ListingPublished(listing.Id, at + Lifetime, at)));
        });
    }

    [TestCase(ListingStatus.Active)]
    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void Only_a_draft_is_published(ListingStatus status)
    {
        var listing = InStatus(status);
        var events = listing.DomainEvents.Count;

        Assert.That(listing.Publish(Now.AddDays(1), Lifetime), Is.False);

        Assert.That((listing.Status, listing.DomainEvents.Count), Is.EqualTo((status, events)));
    }

    [Test]
    public void A_hidden_draft_is_not_published()
    {
        var listing = Draft();
        listing.Hide("counterfeit", Now);

        Assert.That(listing.Publish(Now.AddDays(1), Lifetime), Is.False);
        Assert.That((listing.Status, listing.ExpiresAt), Is.EqualTo((ListingStatus.Draft, (DateTimeOffset?)null)));
    }

    [Test]
    public void Unpublishing_takes_an_active_listing_back_to_draft_and_publishing_again_renews_it()
    {
        var listing = Active();

        Assert.That(listing.Unpublish(Now.AddDays(1)), Is.True);
        Assert.That((listing.Status, listing.ExpiresAt, listing.IsAvailable), Is.EqualTo((ListingStatus.Draft, (DateTimeOffset?)null, false)));

        Assert.That(listing.Publish(Now.AddDays(3), Lifetime), Is.True);
        Assert.That((listing.PublishedAt, listing.ExpiresAt), Is.EqualTo(((DateTimeOffset?)Now.AddDays(3), (DateTimeOffset?)(Now.AddDays(3) + Lifetime))));
    }

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void Only_an_active_listing_is_unpublished(ListingStatus status)
    {
        var listing = InStatus(status);

        Assert.That(listing.Unpublish(Now.AddDays(1)), Is.False);
        Assert.That(listing.Status, Is.EqualTo(status));
    }

    // --- reserving, releasing, selling ---

    [Test]
    public void An_active_listing_is_reserved()
    {
        var listing = Active();

        Assert.That(listing.Reserve(Now.AddHours(1)), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Reserved));
            Assert.That(listing.IsAvailable, Is.False);
            Assert.That(listing.UpdatedAt, Is.EqualTo(Now.AddHours(1)));
        });
    }

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void Only_an_active_listing_is_reserved(ListingStatus status)
    {
        var listing = InStatus(status);

        Assert.That(listing.Reserve(Now.AddHours(1)), Is.False);
        Assert.That(listing.Status, Is.EqualTo(status));
    }

    [Test]
    public void A_hidden_active_listing_is_not_reserved()
    {
        var listing = Active();
        listing.Hide("scam", Now);

        Assert.That(listing.Reserve(Now.AddHours(1)), Is.False);
        Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
    }

    [Test]
    public void Releasing_puts_a_reserved_listing_back_on_the_market_for_a_full_lifetime()
    {
        var listing = InStatus(ListingStatus.Reserved);
        listing.TakeDomainEvents();
        var at = Now.AddDays(20);

        Assert.That(listing.Release(at, Lifetime), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
            Assert.That(listing.IsAvailable, Is.True);
            Assert.That(listing.ExpiresAt, Is.EqualTo(at + Lifetime));
            Assert.That(listing.UpdatedAt, Is.EqualTo(at));
            Assert.That(listing.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new ListingPublished(listing.Id, at + Lifetime, at) }));
        });
    }

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Active)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void Only_a_reserved_listing_is_released(ListingStatus status)
    {
        var listing = InStatus(status);
        var expiresAt = listing.ExpiresAt;

        Assert.That(listing.Release(Now.AddDays(20), Lifetime), Is.False);
        Assert.That((listing.Status, listing.ExpiresAt), Is.EqualTo((status, expiresAt)));
    }

    [Test]
    public void A_reserved_listing_is_sold_and_raises_ListingSold()
    {
        var listing = InStatus(ListingStatus.Reserved);
        listing.TakeDomainEvents();
        var at = Now.AddDays(5);

        Assert.That(listing.MarkSold(at), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Sold));
            Assert.That(listing.IsFinal, Is.True);
            Assert.That(listing.ExpiresAt, Is.Null);
            Assert.That(listing.UpdatedAt, Is.EqualTo(at));
            Assert.That(listing.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new ListingSold(listing.Id, Seller, "Roland Juno-60", at) }));
        });
    }

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Active)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void Only_a_reserved_listing_is_sold(ListingStatus status)
    {
        var listing = InStatus(status);
        listing.TakeDomainEvents();

        Assert.That(listing.MarkSold(Now.AddDays(5)), Is.False);
        Assert.That((listing.Status, listing.DomainEvents.Count), Is.EqualTo((status, 0)));
    }

    // --- archiving and expiry ---

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Active)]
    public void A_draft_or_active_listing_is_archived_and_raises_ListingWithdrawn(ListingStatus status)
    {
        var listing = InStatus(status);
        listing.TakeDomainEvents();

        Assert.That(listing.Archive(Now.AddDays(1)), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Archived));
            Assert.That(listing.IsFinal, Is.True);
            Assert.That(listing.ExpiresAt, Is.Null);
            Assert.That(listing.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new ListingWithdrawn(listing.Id, Now.AddDays(1)) }));
        });
    }

    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void A_reserved_sold_or_archived_listing_is_not_archived(ListingStatus status)
    {
        var listing = InStatus(status);
        listing.TakeDomainEvents();

        Assert.That(listing.Archive(Now.AddDays(1)), Is.False);
        Assert.That((listing.Status, listing.DomainEvents.Count), Is.EqualTo((status, 0)));
    }

    [Test]
    public void An_active_listing_expires_once_its_time_is_up()
    {
        var listing = Active();
        listing.TakeDomainEvents();

        Assert.That(listing.Expire(Now + Lifetime), Is.True);

        Assert.That(listing.Status, Is.EqualTo(ListingStatus.Archived));
        Assert.That(listing.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new ListingWithdrawn(listing.Id, Now + Lifetime) }));
    }

    [Test]
    public void An_active_listing_does_not_expire_before_its_time()
    {
        var listing = Active();

        Assert.That(listing.Expire(Now + Lifetime - TimeSpan.FromSeconds(1)), Is.False);
        Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
    }

    [Test]
    public void A_listing_renewed_since_does_not_expire_at_its_old_deadline()
    {
        var listing = Active();
        listing.Reserve(Now.AddDays(10));
        listing.Release(Now.AddDays(20), Lifetime);

        Assert.That(listing.Expire(Now + Lifetime), Is.False);
        Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active));
        Assert.That(listing.Expire(Now.AddDays(20) + Lifetime), Is.True);
    }

    [Test]
    public void A_listing_republished_since_does_not_expire_at_its_old_deadline()
    {
        var listing = Active();
        listing.Unpublish(Now.AddDays(1));
        listing.Publish(Now.AddDays(2), Lifetime);

        Assert.That(listing.Expire(Now + Lifetime), Is.False);
        Assert.That(listing.Expire(Now.AddDays(2) + Lifetime), Is.True);
    }

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void Only_an_active_listing_expires(ListingStatus status)
    {
        var listing = InStatus(status);

        Assert.That(listing.Expire(Now.AddYears(1)), Is.False);
        Assert.That(listing.Status, Is.EqualTo(status));
    }

    // --- hiding and visibility ---

    [Test]
    public void A_hidden_listing_is_off_the_market_and_raises_ListingWithdrawn()
    {
        var listing = Active();
        listing.TakeDomainEvents();

        Assert.That(listing.Hide("counterfeit", Now.AddHours(1)), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(listing.IsAvailable, Is.False);
            Assert.That(listing.Status, Is.EqualTo(ListingStatus.Active), "hiding is not a status");
            Assert.That(listing.HiddenAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(listing.HiddenReason, Is.EqualTo("counterfeit"));
            Assert.That(listing.UpdatedAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(listing.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new ListingWithdrawn(listing.Id, Now.AddHours(1)) }));
        });
    }

    [Test]
    public void Hiding_twice_changes_nothing_the_second_time()
    {
        var listing = Active();
        listing.Hide("counterfeit", Now.AddHours(1));
        listing.TakeDomainEvents();

        Assert.That(listing.Hide("spam", Now.AddHours(2)), Is.False);

        Assert.That((listing.HiddenAt, listing.HiddenReason, listing.DomainEvents.Count), Is.EqualTo(((DateTimeOffset?)Now.AddHours(1), "counterfeit", 0)));
    }

    [Test]
    public void Sellers_and_admins_see_a_listing_always_and_others_only_published_and_not_hidden()
    {
        var rows = new List<string>();
        foreach (var status in Statuses)
        {
            foreach (var hidden in new[] { false, true })
            {
                var listing = InStatus(status);
                if (hidden)
                {
                    Assert.That(listing.Hide("moderated", Now), Is.True);
                }

                rows.Add($"{status}{(hidden ? " hidden" : "")}: seller {listing.IsVisibleTo(Seller, false)}, admin {listing.IsVisibleTo(Stranger, true)}, " +
                    $"anonymous admin {listing.IsVisibleTo(null, true)}, other {listing.IsVisibleTo(Buyer, false)}, anonymous {listing.IsVisibleTo(null, false)}");
            }
        }

        Assert.That(rows, Is.EqualTo(new[]
        {
            "Draft: seller True, admin True, anonymous admin True, other False, anonymous False",
            "Draft hidden: seller True, admin True, anonymous admin True, other False, anonymous False",
            "Active: seller True, admin True, anonymous admin True, other True, anonymous True",
            "Active hidden: seller True, admin True, anonymous admin True, other False, anonymous False",
            "Reserved: seller True, admin True, anonymous admin True, other True, anonymous True",
            "Reserved hidden: seller True, admin True, anonymous admin True, other False, anonymous False",
            "Sold: seller True, admin True, anonymous admin True, other True, anonymous True",
            "Sold hidden: seller True, admin True, anonymous admin True, other False, anonymous False",
            "Archived: seller True, admin True, anonymous admin True, other False, anonymous False",
            "Archived hidden: seller True, admin True, anonymous admin True, other False, anonymous False",
        }));
    }

    [Test]
    public void Of_all_statuses_only_active_is_available()
    {
        var available = Statuses.Where(s => InStatus(s).IsAvailable);

        Assert.That(available, Is.EqualTo(new[] { ListingStatus.Active }));
    }

    // --- deleting ---

    [Test]
    public void A_draft_or_active_listing_without_offers_is_deletable()
    {
        var rows = Statuses.Select(s => $"{s}: {InStatus(s).IsDeletable(false)}/{InStatus(s).IsDeletable(true)}");

        Assert.That(rows, Is.EqualTo(new[]
        {
            "Draft: True/False",
            "Active: True/False",
            "Reserved: False/False",
            "Sold: False/False",
            "Archived: False/False",
        }));
    }

    [Test]
    public void Deleting_raises_ListingDeleted_with_its_images()
    {
        var listing = WithImages(2);
        listing.TakeDomainEvents();

        listing.Delete(Now.AddDays(1));

        var deleted = (ListingDeleted)listing.DomainEvents.Single();
        Assert.That((deleted.ListingId, deleted.OccurredAt), Is.EqualTo((listing.Id, Now.AddDays(1))));
        Assert.That(deleted.ImageIds, Is.EquivalentTo(ImageIds(listing)));
    }

    // --- images ---

    [Test]
    public void Images_are_added_at_the_end_up_to_eight()
    {
        var listing = Active();
        var ids = Enumerable.Range(0, MarketRules.MaxImages).Select(_ => Guid.NewGuid()).ToArray();

        foreach (var id in ids)
        {
            Assert.That(listing.AddImage(id, 1600, 1200, Now.AddMinutes(1)), Is.EqualTo(AddImageOutcome.Added));
        }

        AssertImages(listing, ids);
        var first = listing.Images[0];
        Assert.That((first.ListingId, first.Width, first.Height, first.CreatedAt, listing.UpdatedAt), Is.EqualTo((listing.Id, 1600, 1200, Now.AddMinutes(1), Now.AddMinutes(1))));
    }

    [Test]
    public void The_ninth_image_is_refused()
    {
        var listing = WithImages(MarketRules.MaxImages);
        var before = ImageIds(listing);

        Assert.That(listing.AddImage(Guid.NewGuid(), 100, 100, Now), Is.EqualTo(AddImageOutcome.Full));
        AssertImages(listing, before);
    }

    [Test]
    public void Removing_an_image_closes_the_gap()
    {
        var listing = WithImages(4);
        var ids = ImageIds(listing);

        Assert.That(listing.RemoveImage(ids[1], Now.AddMinutes(5)), Is.EqualTo(RemoveImageOutcome.Removed));
        AssertImages(listing, ids[0], ids[2], ids[3]);
        Assert.That(listing.UpdatedAt, Is.EqualTo(Now.AddMinutes(5)));

        Assert.That(listing.RemoveImage(ids[0], Now), Is.EqualTo(RemoveImageOutcome.Removed));
        AssertImages(listing, ids[2], ids[3]);
    }

    [Test]
    public void Removing_an_image_the_listing_does_not_have_is_reported()
    {
        var listing = WithImages(2);
        var ids = ImageIds(listing);

        Assert.That(listing.RemoveImage(Guid.NewGuid(), Now), Is.EqualTo(RemoveImageOutcome.NotFound));
        AssertImages(listing, ids);
    }

    [Test]
    public void A_removed_image_frees_a_place_for_another()
    {
        var listing = WithImages(MarketRules.MaxImages);
        var ids = ImageIds(listing);
        var replacement = Guid.NewGuid();

        listing.RemoveImage(ids[0], Now);

        Assert.That(listing.AddImage(replacement, 100, 100, Now), Is.EqualTo(AddImageOutcome.Added));
        AssertImages(listing, [.. ids.Skip(1), replacement]);
    }

    [Test]
    public void Reordering_images_rewrites_every_position()
    {
        var listing = WithImages(4);
        var t = ImageIds(listing);

        Assert.That(listing.ReorderImages([t[3], t[1], t[0], t[2]], Now.AddMinutes(5)), Is.True);

        AssertImages(listing, t[3], t[1], t[0], t[2]);
        Assert.That(listing.UpdatedAt, Is.EqualTo(Now.AddMinutes(5)));
    }

    [Test]
    public void Reordering_images_needs_exactly_the_listings_images_each_once()
    {
        var listing = WithImages(3);
        var t = ImageIds(listing);

        Assert.Multiple(() =>
        {
            Assert.That(listing.ReorderImages([t[0], t[1]], Now), Is.False, "one missing");
            Assert.That(listing.ReorderImages([t[0], t[1], t[2], Guid.NewGuid()], Now), Is.False, "one extra");
            Assert.That(listing.ReorderImages([t[0], t[1], Guid.NewGuid()], Now), Is.False, "one unknown");
            Assert.That(listing.ReorderImages([t[0], t[0], t[1]], Now), Is.False, "one repeated");
            Assert.That(listing.ReorderImages([], Now), Is.False, "none");
        });
        AssertImages(listing, t);
    }

    [Test]
    public void A_reserved_listing_still_changes_its_images()
    {
        var listing = WithImages(2);
        var t = ImageIds(listing);
        listing.Reserve(Now);

        Assert.Multiple(() =>
        {
            Assert.That(listing.ReorderImages([t[1], t[0]], Now), Is.True);
            Assert.That(listing.RemoveImage(t[0], Now), Is.EqualTo(RemoveImageOutcome.Removed));
            Assert.That(listing.AddImage(Guid.NewGuid(), 10, 10, Now), Is.EqualTo(AddImageOutcome.Added));
        });
    }

    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void A_final_listing_refuses_every_image_change(ListingStatus status)
    {
        var listing = WithImages(2, status);
        var t = ImageIds(listing);

        Assert.Multiple(() =>
        {
            Assert.That(listing.AddImage(Guid.NewGuid(), 10, 10, Now.AddDays(1)), Is.EqualTo(AddImageOutcome.Final));
            Assert.That(listing.RemoveImage(t[0], Now.AddDays(1)), Is.EqualTo(RemoveImageOutcome.Final));
            Assert.That(listing.RemoveImage(Guid.NewGuid(), Now.AddDays(1)), Is.EqualTo(RemoveImageOutcome.Final));
            Assert.That(listing.ReorderImages([t[1], t[0]], Now.AddDays(1)), Is.False);
        });
        AssertImages(listing, t);
        Assert.That(listing.UpdatedAt, Is.EqualTo(Now));
    }

    [Test]
    public void Images_loaded_in_any_order_are_worked_on_in_position_order()
    {
        var listing = WithImages(3);
        var t = ImageIds(listing);
        var field = typeof(Listing).GetField("_images", BindingFlags.NonPublic | BindingFlags.Instance)!;
        ((List<ListingImage>)field.GetValue(listing)!).Reverse(); // as a database may hand them over

        Assert.That(listing.RemoveImage(t[1], Now), Is.EqualTo(RemoveImageOutcome.Removed));

        AssertImages(listing, t[0], t[2]);
    }

    /// <summary>The events with ListingCreated's tag list left out (a list compares by reference in a record).</summary>
    private static IEnumerable<IDomainEvent> WithoutTags(IEnumerable<IDomainEvent> events) =>
        events.Select(e => e is ListingCreated created ? created with { Tags = null } : e);
}
