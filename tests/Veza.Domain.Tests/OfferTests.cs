using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using static Veza.Domain.Tests.MarketplaceFixtures;

namespace Veza.Domain.Tests;

public class OfferTests
{
    private static OfferTerms Money(decimal amount, string currency = "EUR", string? message = null) => new(amount, currency, [], message);

    private static OfferTerms Barter(params Listing[] listings) => new(null, null, [.. listings.Select(l => l.Id)], null);

    private static OfferTerms MoneyAndBarter(decimal amount, params Listing[] listings) => new(amount, "EUR", [.. listings.Select(l => l.Id)], null);

    private static Offer Make(Listing listing, OfferTerms terms, params Listing[] offered) =>
        Offer.Make(Guid.NewGuid(), listing, Buyer, terms, offered, Now, Lifetime);

    private static (Offer Offer, Listing Listing) Pending(decimal amount = 80m)
    {
        var listing = Active();
        return (Make(listing, Money(amount)), listing);
    }

    /// <summary>The buyer offered 80, the seller countered at 95: the buyer's turn.</summary>
    private static (Offer Offer, Listing Listing) Countered()
    {
        var (offer, listing) = Pending();
        Assert.That(offer.Counter(MarketParty.Seller, listing, Money(95m), [], Now.AddHours(1), Lifetime), Is.EqualTo(OfferMoveOutcome.Done));
        return (offer, listing);
    }

    private static Offer InFinalState(string state)
    {
        var (offer, _) = Pending();
        var ended = state switch
        {
            "accepted" => offer.Accept(MarketParty.Seller, Guid.NewGuid(), Now.AddHours(1)) == OfferMoveOutcome.Done,
            "rejected" => offer.Reject(MarketParty.Seller, null, Now.AddHours(1)) == OfferMoveOutcome.Done,
            "withdrawn" => offer.Withdraw(MarketParty.Buyer, Now.AddHours(1)) == OfferMoveOutcome.Done,
            "expired" => offer.Expire(Now + Lifetime),
            "closed" => offer.Close("listing sold to another offer", Now.AddHours(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        Assert.That(ended && !offer.IsOpen, Is.True);
        return offer;
    }

    // --- making an offer ---

    [Test]
    public void An_offer_opens_pending_with_the_sellers_turn()
    {
        var listing = Active();
        var id = Guid.NewGuid();

        var offer = Offer.Make(id, listing, Buyer, Money(80m, message: "  Would you take 80?  "), [], Now, Lifetime);

        Assert.Multiple(() =>
        {
            Assert.That(offer.Id, Is.EqualTo(id));
            Assert.That((offer.ListingId, offer.BuyerId, offer.SellerId), Is.EqualTo((listing.Id, Buyer, Seller)));
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Pending));
            Assert.That(offer.IsOpen, Is.True);
            Assert.That(offer.Turn, Is.EqualTo(MarketParty.Seller));
            Assert.That((offer.Amount, offer.Currency), Is.EqualTo(((decimal?)80m, "EUR")));
            Assert.That(offer.OfferedListingIds, Is.Empty);
            Assert.That(offer.ExpiresAt, Is.EqualTo(Now + Lifetime));
            Assert.That((offer.CreatedAt, offer.UpdatedAt), Is.EqualTo((Now, Now)));
            Assert.That(offer.TransactionId, Is.Null);
            Assert.That(offer.ClosedReason, Is.Null);
            Assert.That(offer.DomainEvents, Is.EqualTo(new IDomainEvent[]
            {
                new OfferChanged(id, listing.Id, Buyer, Seller, OfferMoveKind.Offer, MarketParty.Buyer, OfferStatus.Pending, Now),
            }));
        });

        var move = offer.Moves.Single();
        Assert.Multiple(() =>
        {
            Assert.That((move.OfferId, move.Sequence, move.Kind, move.By), Is.EqualTo((id, 1, OfferMoveKind.Offer, (MarketParty?)MarketParty.Buyer)));
            Assert.That((move.Amount, move.Currency, move.Message, move.CreatedAt), Is.EqualTo(((decimal?)80m, "EUR", "Would you take 80?", Now)));
            Assert.That(move.OfferedListingIds, Is.Empty);
        });
    }

    [Test]
    public void A_seller_cannot_offer_on_their_own_listing() =>
        Assert.Throws<DomainException>(() => Offer.Make(Guid.NewGuid(), Active(), Seller, Money(80m), [], Now, Lifetime));

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void A_listing_not_on_the_market_takes_no_offer(ListingStatus status) =>
        Assert.Throws<DomainException>(() => Make(InStatus(status), Money(80m)));

    [Test]
    public void A_hidden_listing_takes_no_offer()
    {
        var listing = Active();
        listing.Hide("counterfeit", Now);

        Assert.Throws<DomainException>(() => Make(listing, Money(80m)));
    }

    [Test]
    public void An_offer_names_an_amount_or_listings_to_trade()
    {
        Assert.Throws<DomainException>(() => Make(Active(), new OfferTerms(null, null, [], "hello")));
        Assert.Throws<DomainException>(() => Make(Active(TradeTerms()), new OfferTerms(null, null, [], null)));
        Assert.Throws<DomainException>(() => Make(Active(SaleTerms(kind: ListingKind.SaleOrTrade)), new OfferTerms(null, null, [], null)));
    }

    [Test]
    public void A_sale_listing_takes_money_only()
    {
        var gear = BuyersGear();

        Assert.Multiple(() =>
        {
            Assert.That(Make(Active(), Money(80m)).Amount, Is.EqualTo(80m));
            Assert.Throws<DomainException>(() => Make(Active(), Barter(gear), gear), "barter only");
            Assert.Throws<DomainException>(() => Make(Active(), MoneyAndBarter(50m, gear), gear), "money and barter");
        });
    }

    [Test]
    public void A_trade_listing_takes_a_barter_only_offer()
    {
        var listing = Active(TradeTerms());
        var gear = BuyersGear();

        var offer = Make(listing, Barter(gear), gear);

        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Pending));
            Assert.That((offer.Amount, offer.Currency), Is.EqualTo(((decimal?)null, (string?)null)));
            Assert.That(offer.OfferedListingIds, Is.EqualTo(new[] { gear.Id }));
            Assert.That(offer.Moves.Single().OfferedListingIds, Is.EqualTo(new[] { gear.Id }));
        });
    }

    [Test]
    public void A_trade_listing_refuses_a_money_only_offer() =>
        Assert.Throws<DomainException>(() => Make(Active(TradeTerms()), Money(80m)));

    [Test]
    public void A_sale_or_trade_listing_takes_money_barter_or_both()
    {
        var listing = Active(SaleTerms(kind: ListingKind.SaleOrTrade));
        var gear = BuyersGear();
        var more = BuyersGear();

        var money = Make(listing, Money(80m));
        var barter = Make(listing, Barter(gear, more), gear, more);
        var both = Make(listing, MoneyAndBarter(20m, gear), gear);

        Assert.Multiple(() =>
        {
            Assert.That((money.Amount, money.OfferedListingIds.Count), Is.EqualTo(((decimal?)80m, 0)));
            Assert.That((barter.Amount, barter.OfferedListingIds), Is.EqualTo(((decimal?)null, new List<Guid> { gear.Id, more.Id })));
            Assert.That((both.Amount, both.Currency, both.OfferedListingIds), Is.EqualTo(((decimal?)20m, "EUR", new List<Guid> { gear.Id })));
        });
    }

    [Test]
    public void The_amount_is_in_the_listings_currency()
    {
        Assert.Throws<DomainException>(() => Make(Active(), Money(80m, "USD")));
        Assert.That(Make(Active(SaleTerms(100m, "USD")), Money(80m, "USD")).Currency, Is.EqualTo("USD"));
    }

    [Test]
    public void The_amount_is_checked_like_a_price()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<DomainException>(() => Make(Active(), Money(80.005m)), "finer than cents");
            Assert.Throws<DomainException>(() => Make(Active(), Money(0m)), "zero");
            Assert.Throws<DomainException>(() => Make(Active(), Money(MarketRules.MaxAmount + 0.01m)), "too much");
            Assert.Throws<DomainException>(() => Make(Active(), new OfferTerms(80m, null, [], null)), "no currency");
            Assert.Throws<DomainException>(() => Make(Active(), new OfferTerms(null, "EUR", [], null)), "a currency without an amount");
            Assert.Throws<DomainException>(() => Make(Active(), Money(80m, message: new string('m', MarketRules.MessageMaxLength + 1))), "a long message");
        });
    }

    [Test]
    public void Only_the_buyers_own_listings_are_offered_in_trade()
    {
        var listing = Active(TradeTerms());
        var someoneElses = Active(TradeTerms(), Stranger);
        var sellers = Active(TradeTerms(), Seller);
        var notLoaded = BuyersGear();

        Assert.Multiple(() =>
        {
            Assert.Throws<DomainException>(() => Make(listing, Barter(someoneElses), someoneElses), "a stranger's");
            Assert.Throws<DomainException>(() => Make(listing, Barter(sellers), sellers), "the seller's");
            Assert.Throws<DomainException>(() => Make(listing, Barter(notLoaded)), "one that does not exist");
            Assert.Throws<DomainException>(() => Make(listing, new OfferTerms(null, null, [Guid.NewGuid()], null)), "an unknown id");
        });
    }

    [TestCase(ListingStatus.Draft)]
    [TestCase(ListingStatus.Reserved)]
    [TestCase(ListingStatus.Sold)]
    [TestCase(ListingStatus.Archived)]
    public void A_listing_offered_in_trade_must_be_active(ListingStatus status)
    {
        var gear = InStatus(status, TradeTerms(), Buyer);

        Assert.Throws<DomainException>(() => Make(Active(TradeTerms()), Barter(gear), gear));
    }

    [Test]
    public void A_hidden_listing_is_not_offered_in_trade()
    {
        var gear = BuyersGear();
        gear.Hide("counterfeit", Now);

        Assert.Throws<DomainException>(() => Make(Active(TradeTerms()), Barter(gear), gear));
    }

    [Test]
    public void An_offer_trades_at_most_five_listings()
    {
        var listing = Active(TradeTerms());
        var gear = Enumerable.Range(0, MarketRules.MaxBarterListings + 1).Select(_ => BuyersGear()).ToArray();

        Assert.That(Make(listing, Barter(gear[..5]), gear).OfferedListingIds, Has.Count.EqualTo(5));
        Assert.Throws<DomainException>(() => Make(listing, Barter(gear), gear));
    }

    [Test]
    public void A_listing_named_twice_in_trade_counts_once()
    {
        var gear = BuyersGear();

        var offer = Make(Active(TradeTerms()), Barter(gear, gear), gear);

        Assert.That(offer.OfferedListingIds, Is.EqualTo(new[] { gear.Id }));
    }

    [Test]
    public void ListingIds_are_the_listing_then_the_bartered_ones()
    {
        var listing = Active(SaleTerms(kind: ListingKind.SaleOrTrade));
        var gear = BuyersGear();
        var more = BuyersGear();

        var offer = Make(listing, MoneyAndBarter(10m, gear, more), gear, more);

        Assert.That(offer.ListingIds, Is.EqualTo(new[] { listing.Id, gear.Id, more.Id }));
        Assert.That(Make(listing, Money(80m)).ListingIds, Is.EqualTo(new[] { listing.Id }));
    }

    [Test]
    public void PartyOf_tells_the_buyer_the_seller_and_anyone_else()
    {
        var (offer, _) = Pending();

        Assert.Multiple(() =>
        {
            Assert.That(offer.PartyOf(Buyer), Is.EqualTo(MarketParty.Buyer));
            Assert.That(offer.PartyOf(Seller), Is.EqualTo(MarketParty.Seller));
            Assert.That(offer.PartyOf(Stranger), Is.Null);
        });
    }

    // --- countering ---

    [Test]
    public void A_seller_counter_hands_the_turn_to_the_buyer()
    {
        var (offer, listing) = Pending();
        offer.TakeDomainEvents();
        var at = Now.AddHours(1);

        var outcome = offer.Counter(MarketParty.Seller, listing, Money(95m, message: "95 and it's yours"), [], at, Lifetime);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(OfferMoveOutcome.Done));
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Countered));
            Assert.That(offer.IsOpen, Is.True);
            Assert.That(offer.Turn, Is.EqualTo(MarketParty.Buyer));
            Assert.That(offer.Amount, Is.EqualTo(95m));
            Assert.That(offer.ExpiresAt, Is.EqualTo(at + Lifetime));
            Assert.That(offer.UpdatedAt, Is.EqualTo(at));
            Assert.That(offer.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[]
            {
                new OfferChanged(offer.Id, listing.Id, Buyer, Seller, OfferMoveKind.Counter, MarketParty.Seller, OfferStatus.Countered, at),
            }));
        });

        var move = offer.Moves[^1];
        Assert.That((move.Sequence, move.Kind, move.By, move.Amount, move.Message), Is.EqualTo((2, OfferMoveKind.Counter, (MarketParty?)MarketParty.Seller, (decimal?)95m, "95 and it's yours")));
    }

    [Test]
    public void The_turn_alternates_and_the_history_keeps_every_move_in_order()
    {
        var (offer, listing) = Pending();

        Assert.That(offer.Counter(MarketParty.Seller, listing, Money(95m), [], Now.AddHours(1), Lifetime), Is.EqualTo(OfferMoveOutcome.Done));
        Assert.That(offer.Turn, Is.EqualTo(MarketParty.Buyer));
        Assert.That(offer.Counter(MarketParty.Buyer, listing, Money(85m), [], Now.AddHours(2), Lifetime), Is.EqualTo(OfferMoveOutcome.Done));
        Assert.That(offer.Turn, Is.EqualTo(MarketParty.Seller));
        Assert.That(offer.Counter(MarketParty.Seller, listing, Money(90m), [], Now.AddHours(3), Lifetime), Is.EqualTo(OfferMoveOutcome.Done));
        Assert.That(offer.Accept(MarketParty.Buyer, Guid.NewGuid(), Now.AddHours(4)), Is.EqualTo(OfferMoveOutcome.Done));

        Assert.That(offer.Moves.Select(m => $"{m.Sequence} {m.Kind} by {m.By} at {m.Amount} {m.Currency}"), Is.EqualTo(new[]
        {
            "1 Offer by Buyer at 80 EUR",
            "2 Counter by Seller at 95 EUR",
            "3 Counter by Buyer at 85 EUR",
            "4 Counter by Seller at 90 EUR",
            "5 Accept by Buyer at 90 EUR",
        }));
        Assert.That(offer.Moves.Select(m => m.CreatedAt), Is.EqualTo(Enumerable.Range(0, 5).Select(h => Now.AddHours(h))));
        Assert.That(offer.Moves.Select(m => m.Id), Is.Unique);
    }

    [Test]
    public void A_counter_out_of_turn_changes_nothing()
    {
        var (offer, listing) = Pending();
        offer.TakeDomainEvents();

        Assert.That(offer.Counter(MarketParty.Buyer, listing, Money(60m), [], Now.AddHours(1), Lifetime), Is.EqualTo(OfferMoveOutcome.NotYourTurn));

        Assert.Multiple(() =>
        {
            Assert.That((offer.Status, offer.Turn, offer.Amount, offer.ExpiresAt), Is.EqualTo((OfferStatus.Pending, MarketParty.Seller, (decimal?)80m, Now + Lifetime)));
            Assert.That(offer.Moves, Has.Count.EqualTo(1));
            Assert.That(offer.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void A_counter_may_change_the_barter()
    {
        var listing = Active(SaleTerms(kind: ListingKind.SaleOrTrade));
        var gear = BuyersGear();
        var more = BuyersGear();
        var offer = Make(listing, Barter(gear), gear);

        Assert.That(offer.Counter(MarketParty.Seller, listing, MoneyAndBarter(30m, gear, more), [gear, more], Now.AddHours(1), Lifetime), Is.EqualTo(OfferMoveOutcome.Done));

        Assert.Multiple(() =>
        {
            Assert.That((offer.Amount, offer.OfferedListingIds), Is.EqualTo(((decimal?)30m, new List<Guid> { gear.Id, more.Id })));
            Assert.That(offer.Moves[0].OfferedListingIds, Is.EqualTo(new[] { gear.Id }), "the first move keeps its own terms");
            Assert.That(offer.Moves[1].OfferedListingIds, Is.EqualTo(new[] { gear.Id, more.Id }));
            Assert.That(offer.ListingIds, Is.EqualTo(new[] { listing.Id, gear.Id, more.Id }));
        });
    }

    [Test]
    public void A_counter_is_checked_like_an_offer()
    {
        var (offer, listing) = Pending();
        var gear = BuyersGear();

        Assert.Multiple(() =>
        {
            Assert.Throws<DomainException>(() => offer.Counter(MarketParty.Seller, listing, Money(95m, "USD"), [], Now, Lifetime), "another currency");
            Assert.Throws<DomainException>(() => offer.Counter(MarketParty.Seller, listing, Barter(gear), [gear], Now, Lifetime), "barter on a sale listing");
            Assert.Throws<DomainException>(() => offer.Counter(MarketParty.Seller, listing, new OfferTerms(null, null, [], null), [], Now, Lifetime), "no terms");
        });
        Assert.That((offer.Amount, offer.Moves.Count), Is.EqualTo(((decimal?)80m, 1)));
    }

    [Test]
    public void A_counter_names_the_listing_the_offer_is_on()
    {
        var (offer, _) = Pending();

        Assert.Throws<ArgumentException>(() => offer.Counter(MarketParty.Seller, Active(), Money(95m), [], Now, Lifetime));
    }

    // --- accepting and rejecting ---

    [Test]
    public void The_seller_accepts_the_buyers_offer_and_the_transaction_gets_its_id()
    {
        var (offer, listing) = Pending();
        offer.TakeDomainEvents();
        var transaction = Guid.NewGuid();
        var at = Now.AddHours(2);

        Assert.That(offer.Accept(MarketParty.Seller, transaction, at), Is.EqualTo(OfferMoveOutcome.Done));

        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Accepted));
            Assert.That(offer.IsOpen, Is.False);
            Assert.That(offer.TransactionId, Is.EqualTo(transaction));
            Assert.That((offer.Amount, offer.Currency), Is.EqualTo(((decimal?)80m, "EUR")), "the terms on the table are what was agreed");
            Assert.That(offer.UpdatedAt, Is.EqualTo(at));
            Assert.That(offer.ExpiresAt, Is.EqualTo(Now + Lifetime));
            Assert.That(offer.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[]
            {
                new OfferChanged(offer.Id, listing.Id, Buyer, Seller, OfferMoveKind.Accept, MarketParty.Seller, OfferStatus.Accepted, at),
            }));
        });

        var move = offer.Moves[^1];
        Assert.That((move.Sequence, move.Kind, move.By, move.Amount, move.Currency, move.Message), Is.EqualTo((2, OfferMoveKind.Accept, (MarketParty?)MarketParty.Seller, (decimal?)80m, "EUR", (string?)null)));
    }

    [Test]
    public void The_buyer_accepts_the_sellers_counter()
    {
        var (offer, _) = Countered();

        Assert.That(offer.Accept(MarketParty.Buyer, Guid.NewGuid(), Now.AddHours(2)), Is.EqualTo(OfferMoveOutcome.Done));
        Assert.That((offer.Status, offer.Amount), Is.EqualTo((OfferStatus.Accepted, (decimal?)95m)));
    }

    [Test]
    public void Accepting_out_of_turn_is_refused()
    {
        var (pending, _) = Pending();
        var (countered, _) = Countered();

        Assert.Multiple(() =>
        {
            Assert.That(pending.Accept(MarketParty.Buyer, Guid.NewGuid(), Now), Is.EqualTo(OfferMoveOutcome.NotYourTurn), "the buyer accepting their own offer");
            Assert.That(countered.Accept(MarketParty.Seller, Guid.NewGuid(), Now), Is.EqualTo(OfferMoveOutcome.NotYourTurn), "the seller accepting their own counter");
        });
        Assert.Multiple(() =>
        {
            Assert.That((pending.Status, pending.TransactionId), Is.EqualTo((OfferStatus.Pending, (Guid?)null)));
            Assert.That((countered.Status, countered.TransactionId), Is.EqualTo((OfferStatus.Countered, (Guid?)null)));
        });
    }

    [Test]
    public void The_party_whose_turn_it_is_rejects()
    {
        var (offer, listing) = Countered();
        offer.TakeDomainEvents();

        Assert.That(offer.Reject(MarketParty.Seller, "no", Now.AddHours(2)), Is.EqualTo(OfferMoveOutcome.NotYourTurn));
        Assert.That(offer.Reject(MarketParty.Buyer, "  Too much for me.  ", Now.AddHours(2)), Is.EqualTo(OfferMoveOutcome.Done));

        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Rejected));
            Assert.That(offer.ClosedReason, Is.Null, "a party's answer, not the platform's");
            Assert.That(offer.TransactionId, Is.Null);
            var move = offer.Moves[^1];
            Assert.That((move.Sequence, move.Kind, move.By, move.Message), Is.EqualTo((3, OfferMoveKind.Reject, (MarketParty?)MarketParty.Buyer, "Too much for me.")));
            Assert.That(offer.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[]
            {
                new OfferChanged(offer.Id, listing.Id, Buyer, Seller, OfferMoveKind.Reject, MarketParty.Buyer, OfferStatus.Rejected, Now.AddHours(2)),
            }));
        });
    }

    [Test]
    public void The_seller_rejects_a_pending_offer()
    {
        var (offer, _) = Pending();

        Assert.That(offer.Reject(MarketParty.Seller, null, Now.AddHours(1)), Is.EqualTo(OfferMoveOutcome.Done));
        Assert.That((offer.Status, offer.Moves[^1].Message), Is.EqualTo((OfferStatus.Rejected, (string?)null)));
    }

    [Test]
    public void A_rejection_message_is_held_to_its_limit()
    {
        var (offer, _) = Pending();

        Assert.Throws<DomainException>(() => offer.Reject(MarketParty.Seller, new string('m', MarketRules.MessageMaxLength + 1), Now));
        Assert.That((offer.Status, offer.Moves.Count), Is.EqualTo((OfferStatus.Pending, 1)));
    }

    // --- withdrawing ---

    [Test]
    public void The_buyer_withdraws_whoever_s_turn_it_is()
    {
        var (sellersTurn, listing) = Pending();
        var (buyersTurn, _) = Countered();

        Assert.Multiple(() =>
        {
            Assert.That(sellersTurn.Withdraw(MarketParty.Buyer, Now.AddHours(2)), Is.EqualTo(OfferMoveOutcome.Done));
            Assert.That(buyersTurn.Withdraw(MarketParty.Buyer, Now.AddHours(2)), Is.EqualTo(OfferMoveOutcome.Done));
        });
        Assert.Multiple(() =>
        {
            Assert.That((sellersTurn.Status, buyersTurn.Status), Is.EqualTo((OfferStatus.Withdrawn, OfferStatus.Withdrawn)));
            var move = sellersTurn.Moves[^1];
            Assert.That((move.Kind, move.By), Is.EqualTo((OfferMoveKind.Withdraw, (MarketParty?)MarketParty.Buyer)));
            Assert.That(sellersTurn.DomainEvents.Last(), Is.EqualTo(
                new OfferChanged(sellersTurn.Id, listing.Id, Buyer, Seller, OfferMoveKind.Withdraw, MarketParty.Buyer, OfferStatus.Withdrawn, Now.AddHours(2))));
        });
    }

    [Test]
    public void The_seller_does_not_withdraw()
    {
        var (sellersTurn, _) = Pending();
        var (buyersTurn, _) = Countered();

        Assert.Multiple(() =>
        {
            Assert.That(sellersTurn.Withdraw(MarketParty.Seller, Now), Is.EqualTo(OfferMoveOutcome.NotTheBuyer));
            Assert.That(buyersTurn.Withdraw(MarketParty.Seller, Now), Is.EqualTo(OfferMoveOutcome.NotTheBuyer));
            Assert.That((sellersTurn.Status, buyersTurn.Status), Is.EqualTo((OfferStatus.Pending, OfferStatus.Countered)));
        });
    }

    // --- expiry and closing ---

    [Test]
    public void An_unanswered_offer_expires_at_its_deadline()
    {
        var (offer, listing) = Pending();
        offer.TakeDomainEvents();
        var deadline = Now + Lifetime;

        Assert.That(offer.Expire(deadline - TimeSpan.FromSeconds(1)), Is.False);
        Assert.That(offer.Status, Is.EqualTo(OfferStatus.Pending));

        Assert.That(offer.Expire(deadline), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Expired));
            var move = offer.Moves[^1];
            Assert.That((move.Sequence, move.Kind, move.By), Is.EqualTo((2, OfferMoveKind.Expire, (MarketParty?)null)));
            Assert.That(offer.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[]
            {
                new OfferChanged(offer.Id, listing.Id, Buyer, Seller, OfferMoveKind.Expire, null, OfferStatus.Expired, deadline),
            }));
        });
    }

    [Test]
    public void A_counter_moves_the_deadline()
    {
        var (offer, listing) = Pending();
        var counteredAt = Now.AddDays(10);
        offer.Counter(MarketParty.Seller, listing, Money(95m), [], counteredAt, Lifetime);

        Assert.That(offer.ExpiresAt, Is.EqualTo(counteredAt + Lifetime));
        Assert.That(offer.Expire(Now + Lifetime), Is.False, "the first deadline has passed but the offer was answered");
        Assert.That(offer.Status, Is.EqualTo(OfferStatus.Countered));
        Assert.That(offer.Expire(counteredAt + Lifetime), Is.True);
    }

    [Test]
    public void The_platform_closes_an_open_offer_with_its_reason()
    {
        var (offer, listing) = Countered();
        offer.TakeDomainEvents();

        Assert.That(offer.Close("The listing was sold to another offer.", Now.AddHours(3)), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Rejected));
            Assert.That(offer.ClosedReason, Is.EqualTo("The listing was sold to another offer."));
            var move = offer.Moves[^1];
            Assert.That((move.Sequence, move.Kind, move.By, move.Message), Is.EqualTo((3, OfferMoveKind.Reject, (MarketParty?)null, "The listing was sold to another offer.")));
            Assert.That(offer.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[]
            {
                new OfferChanged(offer.Id, listing.Id, Buyer, Seller, OfferMoveKind.Reject, null, OfferStatus.Rejected, Now.AddHours(3)),
            }));
        });
    }

    // --- final states ---

    [TestCase("accepted")]
    [TestCase("rejected")]
    [TestCase("withdrawn")]
    [TestCase("expired")]
    [TestCase("closed")]
    public void A_finished_offer_refuses_every_move(string state)
    {
        var offer = InFinalState(state);
        var listing = Active();
        var status = offer.Status;
        var moves = offer.Moves.Count;
        var transaction = offer.TransactionId;
        var reason = offer.ClosedReason;
        offer.TakeDomainEvents();
        var later = Now.AddYears(1);

        Assert.Multiple(() =>
        {
            foreach (var party in new[] { MarketParty.Buyer, MarketParty.Seller })
            {
                Assert.That(offer.Counter(party, listing, Money(1m), [], later, Lifetime), Is.EqualTo(OfferMoveOutcome.Final), $"counter by {party}");
                Assert.That(offer.Accept(party, Guid.NewGuid(), later), Is.EqualTo(OfferMoveOutcome.Final), $"accept by {party}");
                Assert.That(offer.Reject(party, null, later), Is.EqualTo(OfferMoveOutcome.Final), $"reject by {party}");
                Assert.That(offer.Withdraw(party, later), Is.EqualTo(OfferMoveOutcome.Final), $"withdraw by {party}");
            }

            Assert.That(offer.Expire(later), Is.False, "expire");
            Assert.That(offer.Close("again", later), Is.False, "close");
        });
        Assert.Multiple(() =>
        {
            Assert.That((offer.Status, offer.Moves.Count, offer.TransactionId, offer.ClosedReason), Is.EqualTo((status, moves, transaction, reason)));
            Assert.That(offer.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void Every_move_raises_an_OfferChanged_with_the_move_its_author_and_the_status()
    {
        var (offer, listing) = Pending();
        offer.Counter(MarketParty.Seller, listing, Money(95m), [], Now.AddHours(1), Lifetime);
        offer.Counter(MarketParty.Buyer, listing, Money(90m), [], Now.AddHours(2), Lifetime);
        offer.Accept(MarketParty.Seller, Guid.NewGuid(), Now.AddHours(3));

        var changes = offer.TakeDomainEvents().Cast<OfferChanged>().Select(e => $"{e.Move} by {e.By} → {e.Status}");

        Assert.That(changes, Is.EqualTo(new[]
        {
            "Offer by Buyer → Pending",
            "Counter by Seller → Countered",
            "Counter by Buyer → Countered",
            "Accept by Seller → Accepted",
        }));
    }

    [Test]
    public void A_refused_counter_leaves_the_offer_as_it_was()
    {
        var listing = Active(SaleTerms());
        var offer = Make(listing, Money(80m));

        Assert.Throws<DomainException>(() => offer.Counter(MarketParty.Seller, listing, new OfferTerms(null, null, [], null), [], Now.AddHours(1), Lifetime));

        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Pending));
            Assert.That(offer.Turn, Is.EqualTo(MarketParty.Seller));
            Assert.That(offer.Amount, Is.EqualTo(80m));
            Assert.That(offer.Moves, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void A_counter_on_a_listing_no_longer_on_the_market_is_refused_and_leaves_the_offer_as_it_was()
    {
        var listing = Active(SaleTerms());
        var offer = Make(listing, Money(80m));
        listing.Reserve(Now);

        var outcome = offer.Counter(MarketParty.Seller, listing, Money(90m), [], Now.AddHours(1), Lifetime);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(OfferMoveOutcome.ListingUnavailable));
            Assert.That((offer.Status, offer.Amount, offer.Moves.Count), Is.EqualTo((OfferStatus.Pending, 80m, 1)));
        });
    }
}
