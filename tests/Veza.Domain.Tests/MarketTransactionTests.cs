using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using static Veza.Domain.Tests.MarketplaceFixtures;

namespace Veza.Domain.Tests;

public class MarketTransactionTests
{
    private static readonly DateTimeOffset AcceptedAt = Now.AddHours(2);

    private static Offer AcceptedOffer(Guid transactionId)
    {
        var listing = Active(SaleTerms(kind: ListingKind.SaleOrTrade));
        var gear = BuyersGear();
        var offer = Offer.Make(Guid.NewGuid(), listing, Buyer, new OfferTerms(40m, "EUR", [gear.Id], null), [gear], Now, Lifetime);
        Assert.That(offer.Accept(MarketParty.Seller, transactionId, AcceptedAt), Is.EqualTo(OfferMoveOutcome.Done));
        return offer;
    }

    private static MarketTransaction Opened() => MarketTransaction.Open(AcceptedOffer(Guid.NewGuid()), AcceptedAt);

    private static MarketTransaction InStatus(TransactionStatus status)
    {
        var transaction = Opened();
        switch (status)
        {
            case TransactionStatus.Shipped:
                Assert.That(transaction.MarkShipped(MarketParty.Seller, Now.AddDays(1)), Is.EqualTo(TransactionOutcome.Done));
                break;
            case TransactionStatus.Completed:
                Assert.That(transaction.MarkReceived(MarketParty.Buyer, Now.AddDays(3)), Is.EqualTo(TransactionOutcome.Done));
                break;
            case TransactionStatus.Cancelled:
                transaction.RequestCancel(MarketParty.Buyer, Now.AddDays(1));
                Assert.That(transaction.RequestCancel(MarketParty.Seller, Now.AddDays(1)), Is.EqualTo(CancelOutcome.Cancelled));
                break;
        }

        Assert.That(transaction.Status, Is.EqualTo(status));
        transaction.TakeDomainEvents();
        return transaction;
    }

    private static MarketTransaction Completed() => InStatus(TransactionStatus.Completed);

    // --- opening ---

    [Test]
    public void An_accepted_offer_opens_a_transaction_on_its_terms()
    {
        var id = Guid.NewGuid();
        var offer = AcceptedOffer(id);

        var transaction = MarketTransaction.Open(offer, AcceptedAt);

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Id, Is.EqualTo(id));
            Assert.That(transaction.OfferId, Is.EqualTo(offer.Id));
            Assert.That((transaction.ListingId, transaction.BuyerId, transaction.SellerId), Is.EqualTo((offer.ListingId, Buyer, Seller)));
            Assert.That((transaction.Amount, transaction.Currency), Is.EqualTo(((decimal?)40m, "EUR")));
            Assert.That(transaction.BarteredListingIds, Is.EqualTo(offer.OfferedListingIds));
            Assert.That(transaction.BarteredListingIds, Is.Not.SameAs(offer.OfferedListingIds), "a copy, not the offer's list");
            Assert.That(transaction.ListingIds, Is.EqualTo(offer.ListingIds));
            Assert.That(transaction.Status, Is.EqualTo(TransactionStatus.Open));
            Assert.That(transaction.IsOpen, Is.True);
            Assert.That((transaction.CreatedAt, transaction.UpdatedAt), Is.EqualTo((AcceptedAt, AcceptedAt)));
            Assert.That(transaction.Ratings, Is.Empty);
            Assert.That(transaction.DomainEvents, Is.EqualTo(new IDomainEvent[] { new TransactionChanged(id, Buyer, Seller, TransactionStatus.Open, AcceptedAt) }));
        });
    }

    [Test]
    public void An_open_or_ended_offer_that_was_not_accepted_opens_nothing()
    {
        var listing = Active();
        Offer NewOffer() => Offer.Make(Guid.NewGuid(), listing, Buyer, new OfferTerms(80m, "EUR", [], null), [], Now, Lifetime);
        var pending = NewOffer();
        var countered = NewOffer();
        countered.Counter(MarketParty.Seller, listing, new OfferTerms(90m, "EUR", [], null), [], Now, Lifetime);
        var rejected = NewOffer();
        rejected.Reject(MarketParty.Seller, null, Now);
        var withdrawn = NewOffer();
        withdrawn.Withdraw(MarketParty.Buyer, Now);
        var expired = NewOffer();
        expired.Expire(Now + Lifetime);

        foreach (var offer in new[] { pending, countered, rejected, withdrawn, expired })
        {
            Assert.Throws<InvalidOperationException>(() => MarketTransaction.Open(offer, Now), offer.Status.ToString());
        }
    }

    [Test]
    public void PartyOf_tells_the_buyer_the_seller_and_anyone_else()
    {
        var transaction = Opened();

        Assert.Multiple(() =>
        {
            Assert.That(transaction.PartyOf(Buyer), Is.EqualTo(MarketParty.Buyer));
            Assert.That(transaction.PartyOf(Seller), Is.EqualTo(MarketParty.Seller));
            Assert.That(transaction.PartyOf(Stranger), Is.Null);
        });
    }

    // --- shipping and receiving ---

    [Test]
    public void The_seller_marks_it_shipped()
    {
        var transaction = InStatus(TransactionStatus.Open);
        var at = Now.AddDays(1);

        Assert.That(transaction.MarkShipped(MarketParty.Seller, at), Is.EqualTo(TransactionOutcome.Done));

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Status, Is.EqualTo(TransactionStatus.Shipped));
            Assert.That(transaction.IsOpen, Is.True);
            Assert.That((transaction.ShippedAt, transaction.UpdatedAt), Is.EqualTo(((DateTimeOffset?)at, at)));
            Assert.That(transaction.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new TransactionChanged(transaction.Id, Buyer, Seller, TransactionStatus.Shipped, at) }));
        });
    }

    [Test]
    public void The_buyer_does_not_mark_it_shipped()
    {
        var transaction = InStatus(TransactionStatus.Open);

        Assert.That(transaction.MarkShipped(MarketParty.Buyer, Now.AddDays(1)), Is.EqualTo(TransactionOutcome.NotYourPart));
        Assert.That((transaction.Status, transaction.ShippedAt, transaction.DomainEvents.Count), Is.EqualTo((TransactionStatus.Open, (DateTimeOffset?)null, 0)));
    }

    [TestCase(TransactionStatus.Shipped)]
    [TestCase(TransactionStatus.Completed)]
    [TestCase(TransactionStatus.Cancelled)]
    public void Only_an_open_transaction_is_shipped(TransactionStatus status)
    {
        var transaction = InStatus(status);
        var shippedAt = transaction.ShippedAt;

        Assert.That(transaction.MarkShipped(MarketParty.Seller, Now.AddDays(5)), Is.EqualTo(TransactionOutcome.WrongState));
        Assert.That((transaction.Status, transaction.ShippedAt, transaction.DomainEvents.Count), Is.EqualTo((status, shippedAt, 0)));
    }

    [TestCase(TransactionStatus.Open)]
    [TestCase(TransactionStatus.Shipped)]
    public void The_buyer_receiving_it_completes_the_transaction(TransactionStatus status)
    {
        var transaction = InStatus(status);
        var at = Now.AddDays(4);

        Assert.That(transaction.MarkReceived(MarketParty.Buyer, at), Is.EqualTo(TransactionOutcome.Done));

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Status, Is.EqualTo(TransactionStatus.Completed));
            Assert.That(transaction.IsOpen, Is.False);
            Assert.That((transaction.CompletedAt, transaction.UpdatedAt), Is.EqualTo(((DateTimeOffset?)at, at)));
            Assert.That(transaction.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new TransactionChanged(transaction.Id, Buyer, Seller, TransactionStatus.Completed, at) }));
        });
    }

    [TestCase(TransactionStatus.Open)]
    [TestCase(TransactionStatus.Shipped)]
    public void The_seller_does_not_mark_it_received(TransactionStatus status)
    {
        var transaction = InStatus(status);

        Assert.That(transaction.MarkReceived(MarketParty.Seller, Now.AddDays(4)), Is.EqualTo(TransactionOutcome.NotYourPart));
        Assert.That((transaction.Status, transaction.CompletedAt), Is.EqualTo((status, (DateTimeOffset?)null)));
    }

    [TestCase(TransactionStatus.Completed)]
    [TestCase(TransactionStatus.Cancelled)]
    public void A_completed_or_cancelled_transaction_is_not_received(TransactionStatus status)
    {
        var transaction = InStatus(status);
        var completedAt = transaction.CompletedAt;

        Assert.That(transaction.MarkReceived(MarketParty.Buyer, Now.AddDays(9)), Is.EqualTo(TransactionOutcome.WrongState));
        Assert.That((transaction.Status, transaction.CompletedAt, transaction.DomainEvents.Count), Is.EqualTo((status, completedAt, 0)));
    }

    // --- cancelling ---

    [TestCase(MarketParty.Buyer)]
    [TestCase(MarketParty.Seller)]
    public void One_party_asking_to_cancel_is_recorded_and_the_transaction_goes_on(MarketParty party)
    {
        var transaction = InStatus(TransactionStatus.Open);
        var at = Now.AddDays(1);

        Assert.That(transaction.RequestCancel(party, at), Is.EqualTo(CancelOutcome.Requested));

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Status, Is.EqualTo(TransactionStatus.Open));
            Assert.That(transaction.IsOpen, Is.True);
            Assert.That(transaction.BuyerCancelRequestedAt, Is.EqualTo(party == MarketParty.Buyer ? at : (DateTimeOffset?)null));
            Assert.That(transaction.SellerCancelRequestedAt, Is.EqualTo(party == MarketParty.Seller ? at : (DateTimeOffset?)null));
            Assert.That(transaction.CancelledAt, Is.Null);
            Assert.That(transaction.UpdatedAt, Is.EqualTo(at));
            Assert.That(transaction.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new TransactionChanged(transaction.Id, Buyer, Seller, TransactionStatus.Open, at) }));
        });
    }

    [Test]
    public void Asking_twice_is_still_one_request_and_keeps_the_first_time()
    {
        var transaction = InStatus(TransactionStatus.Open);

        transaction.RequestCancel(MarketParty.Buyer, Now.AddDays(1));

        Assert.That(transaction.RequestCancel(MarketParty.Buyer, Now.AddDays(2)), Is.EqualTo(CancelOutcome.Requested));
        Assert.That((transaction.Status, transaction.BuyerCancelRequestedAt, transaction.SellerCancelRequestedAt),
            Is.EqualTo((TransactionStatus.Open, (DateTimeOffset?)Now.AddDays(1), (DateTimeOffset?)null)));
    }

    [TestCase(TransactionStatus.Open, MarketParty.Buyer)]
    [TestCase(TransactionStatus.Open, MarketParty.Seller)]
    [TestCase(TransactionStatus.Shipped, MarketParty.Buyer)]
    [TestCase(TransactionStatus.Shipped, MarketParty.Seller)]
    public void When_both_parties_ask_the_transaction_is_cancelled(TransactionStatus status, MarketParty first)
    {
        var transaction = InStatus(status);
        var second = first == MarketParty.Buyer ? MarketParty.Seller : MarketParty.Buyer;
        transaction.RequestCancel(first, Now.AddDays(2));
        transaction.TakeDomainEvents();

        Assert.That(transaction.RequestCancel(second, Now.AddDays(3)), Is.EqualTo(CancelOutcome.Cancelled));

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Status, Is.EqualTo(TransactionStatus.Cancelled));
            Assert.That(transaction.IsOpen, Is.False);
            Assert.That(transaction.CancelledAt, Is.EqualTo(Now.AddDays(3)));
            Assert.That(transaction.BuyerCancelRequestedAt, Is.Not.Null);
            Assert.That(transaction.SellerCancelRequestedAt, Is.Not.Null);
            Assert.That(transaction.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new TransactionChanged(transaction.Id, Buyer, Seller, TransactionStatus.Cancelled, Now.AddDays(3)) }));
        });
    }

    [TestCase(TransactionStatus.Completed, MarketParty.Buyer)]
    [TestCase(TransactionStatus.Completed, MarketParty.Seller)]
    [TestCase(TransactionStatus.Cancelled, MarketParty.Buyer)]
    [TestCase(TransactionStatus.Cancelled, MarketParty.Seller)]
    public void A_completed_or_cancelled_transaction_is_not_cancelled(TransactionStatus status, MarketParty party)
    {
        var transaction = InStatus(status);

        Assert.That(transaction.RequestCancel(party, Now.AddDays(9)), Is.EqualTo(CancelOutcome.WrongState));
        Assert.That((transaction.Status, transaction.DomainEvents.Count), Is.EqualTo((status, 0)));
    }

    [Test]
    public void A_request_to_cancel_does_not_survive_completion()
    {
        var transaction = InStatus(TransactionStatus.Shipped);
        transaction.RequestCancel(MarketParty.Seller, Now.AddDays(2));

        Assert.That(transaction.MarkReceived(MarketParty.Buyer, Now.AddDays(3)), Is.EqualTo(TransactionOutcome.Done));
        Assert.That(transaction.RequestCancel(MarketParty.Buyer, Now.AddDays(4)), Is.EqualTo(CancelOutcome.WrongState));
        Assert.That(transaction.Status, Is.EqualTo(TransactionStatus.Completed));
    }

    // --- rating ---

    [TestCase(TransactionStatus.Open)]
    [TestCase(TransactionStatus.Shipped)]
    [TestCase(TransactionStatus.Cancelled)]
    public void Ratings_wait_for_completion(TransactionStatus status)
    {
        var transaction = InStatus(status);

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), 5, null, Now.AddDays(5)), Is.EqualTo(RateOutcome.NotCompleted));
            Assert.That(transaction.Rate(MarketParty.Seller, Guid.NewGuid(), 5, null, Now.AddDays(5)), Is.EqualTo(RateOutcome.NotCompleted));
            Assert.That(transaction.Ratings, Is.Empty);
        });
    }

    [Test]
    public void The_buyer_rates_the_seller()
    {
        var transaction = Completed();
        var id = Guid.NewGuid();
        var at = Now.AddDays(5);

        Assert.That(transaction.Rate(MarketParty.Buyer, id, 4, "  Well packed.  ", at), Is.EqualTo(RateOutcome.Rated));

        var rating = transaction.Ratings.Single();
        Assert.Multiple(() =>
        {
            Assert.That((rating.Id, rating.TransactionId), Is.EqualTo((id, transaction.Id)));
            Assert.That((rating.RaterId, rating.RateeId), Is.EqualTo((Buyer, Seller)));
            Assert.That((rating.Score, rating.Comment, rating.CreatedAt), Is.EqualTo((4, "Well packed.", at)));
            Assert.That(transaction.UpdatedAt, Is.EqualTo(at));
        });
    }

    [Test]
    public void The_seller_rates_the_buyer()
    {
        var transaction = Completed();

        Assert.That(transaction.Rate(MarketParty.Seller, Guid.NewGuid(), 5, "   ", Now.AddDays(5)), Is.EqualTo(RateOutcome.Rated));

        var rating = transaction.Ratings.Single();
        Assert.That((rating.RaterId, rating.RateeId, rating.Score, rating.Comment), Is.EqualTo((Seller, Buyer, 5, (string?)null)));
    }

    [Test]
    public void Each_party_rates_once()
    {
        var transaction = Completed();

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), 5, null, Now.AddDays(5)), Is.EqualTo(RateOutcome.Rated));
            Assert.That(transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), 1, "changed my mind", Now.AddDays(6)), Is.EqualTo(RateOutcome.AlreadyRated));
            Assert.That(transaction.Rate(MarketParty.Seller, Guid.NewGuid(), 3, null, Now.AddDays(6)), Is.EqualTo(RateOutcome.Rated));
            Assert.That(transaction.Rate(MarketParty.Seller, Guid.NewGuid(), 3, null, Now.AddDays(7)), Is.EqualTo(RateOutcome.AlreadyRated));
        });
        Assert.That(transaction.Ratings.Select(r => (r.RaterId, r.RateeId, r.Score)), Is.EquivalentTo(new[] { (Buyer, Seller, 5), (Seller, Buyer, 3) }));
    }

    [TestCase(0)]
    [TestCase(6)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void A_score_outside_one_to_five_is_refused(int score)
    {
        var transaction = Completed();

        Assert.Throws<DomainException>(() => transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), score, null, Now.AddDays(5)));
        Assert.That(transaction.Ratings, Is.Empty);
        Assert.That(transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), MarketTransaction.MinScore, null, Now.AddDays(5)), Is.EqualTo(RateOutcome.Rated), "the refusal used up nothing");
    }

    [Test]
    public void Scores_of_one_and_five_are_accepted()
    {
        var transaction = Completed();

        Assert.That(transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), MarketTransaction.MinScore, null, Now), Is.EqualTo(RateOutcome.Rated));
        Assert.That(transaction.Rate(MarketParty.Seller, Guid.NewGuid(), MarketTransaction.MaxScore, null, Now), Is.EqualTo(RateOutcome.Rated));
        Assert.That(transaction.Ratings.Select(r => r.Score), Is.EquivalentTo(new[] { 1, 5 }));
    }

    [Test]
    public void A_rating_comment_is_held_to_its_limit()
    {
        var transaction = Completed();

        Assert.Throws<DomainException>(() => transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), 4, new string('c', MarketRules.CommentMaxLength + 1), Now));
        Assert.That(transaction.Rate(MarketParty.Buyer, Guid.NewGuid(), 4, new string('c', MarketRules.CommentMaxLength), Now), Is.EqualTo(RateOutcome.Rated));
    }
}
