using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Categories;
using Veza.Application.Categories.Commands.DeleteCategory;
using Veza.Application.Categories.Commands.MoveCategory;
using Veza.Application.Common.Exceptions;
using Veza.Application.Marketplace;
using Veza.Application.Marketplace.Listings.Commands.DeleteListing;
using Veza.Application.Marketplace.Offers.Commands.AcceptOffer;
using Veza.Application.Marketplace.Offers.Commands.CounterOffer;
using Veza.Application.Marketplace.Offers.Commands.ExpireOffer;
using Veza.Application.Marketplace.Offers.Commands.MakeOffer;
using Veza.Application.Marketplace.Offers.Commands.WithdrawOffer;
using Veza.Application.Marketplace.Transactions.Commands.CancelTransaction;
using Veza.Application.Marketplace.Transactions.Commands.MarkReceived;
using Veza.Application.Marketplace.Transactions.Commands.RateTransaction;
using Veza.Domain.Categories;
using Veza.Domain.Marketplace;
using Veza.Domain.Social;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>The marketplace's use cases through MediatR over substitute ports: the offer state machine, the listings it moves, and the refusals.</summary>
public class MarketplaceUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Seller = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a1");
    private static readonly Guid Buyer = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000b1");
    private static readonly Guid OtherBuyer = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000b2");
    private static readonly Guid Guitars = Guid.Parse("0193a000-0000-7000-8000-000000000101");

    private readonly Dictionary<Guid, Listing> _listings = [];
    private readonly Dictionary<Guid, Offer> _offers = [];
    private readonly Dictionary<Guid, MarketTransaction> _transactions = [];
    private IBlockRepository _blocks = null!;
    private ICategoryRepository _categories = null!;
    private Domain.Tracks.ITagCounter _tagCounter = null!;

    protected override ApplicationHarness CreateHarness()
    {
        // One fixture instance serves every test: each starts from an empty store.
        _listings.Clear();
        _offers.Clear();
        _transactions.Clear();
        var listings = Substitute.For<IListingRepository>();
        listings.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => Track(_listings.GetValueOrDefault(c.Arg<Guid>())));
        listings.GetManyAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>())
            .Returns(c => c.Arg<IReadOnlyCollection<Guid>>().Where(_listings.ContainsKey).Select(id => Track(_listings[id])!).ToList());
        listings.HasOffersAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _offers.Values.Any(o => o.ListingIds.Contains(c.Arg<Guid>())));
        listings.When(r => r.Add(Arg.Any<Listing>())).Do(c => _listings[c.Arg<Listing>().Id] = Track(c.Arg<Listing>())!);
        listings.When(r => r.Remove(Arg.Any<Listing>())).Do(c => _listings.Remove(c.Arg<Listing>().Id));
        var offers = Substitute.For<IOfferRepository>();
        offers.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => Track(_offers.GetValueOrDefault(c.Arg<Guid>())));
        offers.When(r => r.Add(Arg.Any<Offer>())).Do(c => _offers[c.Arg<Offer>().Id] = Track(c.Arg<Offer>())!);
        offers.HasOpenOfferAsync(Arg.Any<Guid>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => _offers.Values.Any(o => o.IsOpen && o.BuyerId == c.ArgAt<Guid>(0) && o.ListingId == c.ArgAt<Guid>(1)));
        offers.ListOpenInvolvingAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>())
            .Returns(c => _offers.Values.Where(o => o.IsOpen && o.Id != c.ArgAt<Guid?>(1) && o.ListingIds.Intersect(c.ArgAt<IReadOnlyCollection<Guid>>(0)).Any())
                .Select(o => Track(o)!).ToList());
        var transactions = Substitute.For<IMarketTransactionRepository>();
        transactions.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => Track(_transactions.GetValueOrDefault(c.Arg<Guid>())));
        transactions.When(r => r.Add(Arg.Any<MarketTransaction>())).Do(c => _transactions[c.Arg<MarketTransaction>().Id] = Track(c.Arg<MarketTransaction>())!);
        _blocks = Substitute.For<IBlockRepository>();
        _categories = Substitute.For<ICategoryRepository>();
        _tagCounter = Substitute.For<Domain.Tracks.ITagCounter>();
        return new(services => services
            .AddSingleton(listings).AddSingleton(offers).AddSingleton(transactions).AddSingleton(_blocks).AddSingleton(_categories)
            .AddSingleton(Substitute.For<IMarketReadModel>()).AddSingleton(Substitute.For<IListingWatchStore>()).AddSingleton(Substitute.For<ICategoryReadModel>())
            .AddSingleton(_tagCounter).AddSingleton(Substitute.For<Domain.Gear.IOwnedGearRepository>()));
    }

    [Test]
    public async Task An_offer_is_stored_with_the_seller_to_answer_and_its_expiry_queued()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        SignIn(Buyer);

        await App.SendAsync(new MakeOfferCommand(listing.Id, 80m, "EUR", null, "Would you take 80?"));

        var offer = _offers.Values.Single();
        Assert.Multiple(() =>
        {
            Assert.That((offer.BuyerId, offer.SellerId, offer.Status, offer.Turn, offer.Amount), Is.EqualTo((Buyer, Seller, OfferStatus.Pending, MarketParty.Seller, 80m)));
            Assert.That(offer.ExpiresAt, Is.EqualTo(ApplicationHarness.Now + MarketSettings.Default.OfferLifetime));
            Assert.That(App.EnqueuedJobs.OfType<ExpireOfferJob>().Select(j => j.OfferId), Is.EqualTo(new[] { offer.Id }));
        });
    }

    [Test]
    public void An_offer_is_refused_on_ones_own_listing_when_blocked_twice_open_and_on_a_listing_off_the_market()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        SignIn(Seller);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new MakeOfferCommand(listing.Id, 80m, "EUR", null, null)));

        SignIn(Buyer);
        _blocks.IsBlockedAsync(Buyer, Seller, Arg.Any<CancellationToken>()).Returns(true);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new MakeOfferCommand(listing.Id, 80m, "EUR", null, null)));
        _blocks.IsBlockedAsync(Buyer, Seller, Arg.Any<CancellationToken>()).Returns(false);

        Assert.DoesNotThrowAsync(() => App.SendAsync(new MakeOfferCommand(listing.Id, 80m, "EUR", null, null)));
        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new MakeOfferCommand(listing.Id, 85m, "EUR", null, null)));

        var draft = Stored(ListingKind.Sale, 100m, publish: false);
        var state = Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new MakeOfferCommand(draft.Id, 80m, "EUR", null, null)));
        Assert.That(state, Is.Not.Null, "a draft is not visible to buyers: 404, not a hint that it exists");
        Assert.That(_offers, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Counters_alternate_and_a_move_out_of_turn_is_an_invalid_state_naming_the_turn()
    {
        var offer = await OfferAsync(Stored(ListingKind.Sale, 100m), 80m);

        SignIn(Buyer);
        var outOfTurn = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new CounterOfferCommand(offer.Id, 85m, "EUR", null, null)))!;
        SignIn(Seller);
        await App.SendAsync(new CounterOfferCommand(offer.Id, 90m, "EUR", null, "90 and it is yours."));
        var sellerAgain = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new AcceptOfferCommand(offer.Id)))!;

        Assert.Multiple(() =>
        {
            Assert.That((outOfTurn.Field, outOfTurn.State), Is.EqualTo(("turn", "seller")));
            Assert.That((offer.Status, offer.Turn, offer.Amount, offer.Moves.Count), Is.EqualTo((OfferStatus.Countered, MarketParty.Buyer, 90m, 2)));
            Assert.That(sellerAgain.State, Is.EqualTo("buyer"));
            Assert.That(App.EnqueuedJobs.OfType<ExpireOfferJob>().Count(), Is.EqualTo(2), "each move queues the expiry of its new deadline");
        });
    }

    [Test]
    public async Task Accepting_reserves_the_listing_and_the_bartered_one_opens_the_transaction_and_closes_the_other_offers()
    {
        var listing = Stored(ListingKind.SaleOrTrade, 100m);
        var buyersGear = Stored(ListingKind.Trade, null, seller: Buyer);
        var other = await OfferAsync(listing, 60m, OtherBuyer);
        SignIn(Buyer);
        await App.SendAsync(new MakeOfferCommand(listing.Id, 20m, "EUR", [buyersGear.Id], "Cash and my pedal?"));
        var offer = _offers.Values.Single(o => o.BuyerId == Buyer);
        var elsewhere = await OfferAsync(Stored(ListingKind.Trade, null, seller: OtherBuyer), null, Buyer, buyersGear);

        SignIn(Seller);
        await App.SendAsync(new AcceptOfferCommand(offer.Id));

        var transaction = _transactions.Values.Single();
        Assert.Multiple(() =>
        {
            Assert.That((offer.Status, offer.TransactionId), Is.EqualTo((OfferStatus.Accepted, (Guid?)transaction.Id)));
            Assert.That((listing.Status, buyersGear.Status), Is.EqualTo((ListingStatus.Reserved, ListingStatus.Reserved)));
            Assert.That((transaction.BuyerId, transaction.Amount, transaction.BarteredListingIds), Is.EqualTo((Buyer, (decimal?)20m, new List<Guid> { buyersGear.Id })));
            Assert.That((other.Status, other.ClosedReason), Is.EqualTo((OfferStatus.Rejected, AcceptOfferCommandHandler.ClosedReason)));
            Assert.That(elsewhere.Status, Is.EqualTo(OfferStatus.Rejected), "an offer trading the now-reserved pedal elsewhere is closed too");
        });
    }

    [Test]
    public async Task An_offer_on_a_listing_reserved_meanwhile_cannot_be_accepted_and_nothing_changes()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        var offer = await OfferAsync(listing, 80m);
        listing.Reserve(ApplicationHarness.Now);

        SignIn(Seller);
        var refused = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new AcceptOfferCommand(offer.Id)))!;

        Assert.Multiple(() =>
        {
            Assert.That((refused.Field, refused.State), Is.EqualTo(("listing", "reserved")));
            Assert.That(_transactions, Is.Empty);
        });
    }

    [Test]
    public async Task Only_the_buyer_withdraws_and_a_final_offer_refuses_every_move()
    {
        var offer = await OfferAsync(Stored(ListingKind.Sale, 100m), 80m);
        SignIn(Seller);
        var bySeller = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new WithdrawOfferCommand(offer.Id)))!;
        SignIn(Buyer);
        await App.SendAsync(new WithdrawOfferCommand(offer.Id));
        var again = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new WithdrawOfferCommand(offer.Id)))!;
        SignIn(OtherBuyer);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new WithdrawOfferCommand(offer.Id)));

        Assert.Multiple(() =>
        {
            Assert.That(bySeller.State, Is.EqualTo("pending"));
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Withdrawn));
            Assert.That((again.Field, again.State), Is.EqualTo(("status", "withdrawn")));
        });
    }

    [Test]
    public async Task The_expiry_job_expires_an_unanswered_offer_only_once_its_deadline_has_passed()
    {
        var offer = await OfferAsync(Stored(ListingKind.Sale, 100m), 80m);

        await App.RunJobAsync(new ExpireOfferJob(offer.Id));
        var early = offer.Status;
        App.CurrentTime = offer.ExpiresAt;
        await App.RunJobAsync(new ExpireOfferJob(offer.Id));
        await App.RunJobAsync(new ExpireOfferJob(offer.Id));

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.EqualTo(OfferStatus.Pending));
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Expired));
            Assert.That(offer.Moves.Count(m => m.Kind == OfferMoveKind.Expire), Is.EqualTo(1), "run again, it changes nothing");
        });
    }

    [Test]
    public async Task Receipt_sells_the_listings_cancelling_needs_both_parties_and_each_rates_once()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        var transaction = await AcceptedAsync(listing);
        SignIn(Buyer);
        await App.SendAsync(new CancelTransactionCommand(transaction.Id));
        var afterOneCancel = (transaction.Status, listing.Status);
        Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new RateTransactionCommand(transaction.Id, 5)));
        SignIn(Seller);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new MarkReceivedCommand(transaction.Id)));
        SignIn(Buyer);
        await App.SendAsync(new MarkReceivedCommand(transaction.Id));
        await App.SendAsync(new RateTransactionCommand(transaction.Id, 5, "Smooth."));
        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RateTransactionCommand(transaction.Id, 4)));

        Assert.Multiple(() =>
        {
            Assert.That(afterOneCancel, Is.EqualTo((TransactionStatus.Open, ListingStatus.Reserved)));
            Assert.That((transaction.Status, listing.Status), Is.EqualTo((TransactionStatus.Completed, ListingStatus.Sold)));
            Assert.That(transaction.Ratings.Single(), Has.Property(nameof(Rating.RateeId)).EqualTo(Seller).And.Property(nameof(Rating.Score)).EqualTo(5));
        });
    }

    [Test]
    public async Task A_transaction_both_parties_cancel_puts_its_listings_back_on_the_market()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        var transaction = await AcceptedAsync(listing);

        SignIn(Seller);
        await App.SendAsync(new CancelTransactionCommand(transaction.Id));
        SignIn(Buyer);
        await App.SendAsync(new CancelTransactionCommand(transaction.Id));

        Assert.That((transaction.Status, listing.Status, listing.ExpiresAt), Is.EqualTo((TransactionStatus.Cancelled, ListingStatus.Active, (DateTimeOffset?)(ApplicationHarness.Now + MarketSettings.Default.ListingLifetime))));
    }

    [Test]
    public async Task Deleting_a_listing_with_offers_archives_it_and_closes_the_waiting_offers()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        var offer = await OfferAsync(listing, 80m);
        var untouched = Stored(ListingKind.Sale, 50m);

        SignIn(Seller);
        var archived = await App.SendAsync(new DeleteListingCommand(listing.Id));
        var deleted = await App.SendAsync(new DeleteListingCommand(untouched.Id));

        Assert.Multiple(() =>
        {
            Assert.That((archived.Deleted, archived.Archived, listing.Status), Is.EqualTo((false, true, ListingStatus.Archived)));
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Rejected));
            Assert.That((deleted.Deleted, _listings.ContainsKey(untouched.Id)), Is.EqualTo((true, false)));
        });
    }

    [Test]
    public async Task A_tagged_listing_counts_its_tags_when_edited_and_gives_them_back_when_deleted()
    {
        var listing = Stored(ListingKind.Sale, 100m);
        SignIn(Seller);

        await App.SendAsync(new Marketplace.Listings.Commands.UpdateListing.UpdateListingCommand(listing.Id, Tags: ["Bass", "vintage"]));
        await App.SendAsync(new Marketplace.Listings.Commands.UpdateListing.UpdateListingCommand(listing.Id, Tags: ["vintage", "fender"]));
        await App.SendAsync(new DeleteListingCommand(listing.Id));

        Received.InOrder(() =>
        {
            _tagCounter.AdjustAsync(Domain.Tracks.TaggedKind.Listing, Arg.Is<IReadOnlyCollection<string>>(a => a.SequenceEqual(new[] { "bass", "vintage" })), Arg.Is<IReadOnlyCollection<string>>(r => r.Count == 0), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
            _tagCounter.AdjustAsync(Domain.Tracks.TaggedKind.Listing, Arg.Is<IReadOnlyCollection<string>>(a => a.SequenceEqual(new[] { "fender" })), Arg.Is<IReadOnlyCollection<string>>(r => r.SequenceEqual(new[] { "bass" })), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
            _tagCounter.AdjustAsync(Domain.Tracks.TaggedKind.Listing, Arg.Is<IReadOnlyCollection<string>>(a => a.Count == 0), Arg.Is<IReadOnlyCollection<string>>(r => r.SequenceEqual(new[] { "vintage", "fender" })), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task A_category_does_not_move_under_its_own_descendant_and_one_in_use_is_not_deleted()
    {
        var parent = Category.Create(Guid.NewGuid(), "Studio", "studio-x", null, ApplicationHarness.Now);
        var child = Category.Create(Guid.NewGuid(), "Outboard", "outboard-x", parent.Id, ApplicationHarness.Now);
        _categories.GetAsync(parent.Id, Arg.Any<CancellationToken>()).Returns(parent);
        _categories.AncestryAsync(child.Id, Arg.Any<CancellationToken>()).Returns([child.Id, parent.Id]);
        _categories.UsageAsync(parent.Id, Arg.Any<CancellationToken>()).Returns(new CategoryUsage(1, 0));
        SignIn(Seller, Role.Admin);

        var cycle = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new MoveCategoryCommand(parent.Id, child.Id)))!;
        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new DeleteCategoryCommand(parent.Id)));
        SignIn(Seller);
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new DeleteCategoryCommand(parent.Id)));

        Assert.Multiple(() =>
        {
            Assert.That(cycle.Field, Is.EqualTo("parent_id"));
            Assert.That(parent.ParentId, Is.Null);
            _categories.DidNotReceive().Remove(Arg.Any<Category>());
        });
    }

    private async Task<MarketTransaction> AcceptedAsync(Listing listing)
    {
        var offer = await OfferAsync(listing, 90m);
        SignIn(Seller);
        await App.SendAsync(new AcceptOfferCommand(offer.Id));
        return _transactions[offer.TransactionId!.Value];
    }

    private async Task<Offer> OfferAsync(Listing listing, decimal? amount, Guid? buyer = null, params Listing[] barter)
    {
        SignIn(buyer ?? Buyer);
        await App.SendAsync(new MakeOfferCommand(listing.Id, amount, amount is null ? null : "EUR", [.. barter.Select(l => l.Id)], null));
        return _offers.Values.Single(o => o.ListingId == listing.Id && o.BuyerId == (buyer ?? Buyer) && o.IsOpen);
    }

    private Listing Stored(ListingKind kind, decimal? price, Guid? seller = null, bool publish = true)
    {
        var terms = new ListingTerms("Fender Jazz Bass", null, kind, price, price is null ? null : "EUR", ListingCondition.Good, Guitars, [], null, null);
        var listing = Listing.Create(Guid.NewGuid(), seller ?? Seller, terms, publish, ApplicationHarness.Now, MarketSettings.Default.ListingLifetime);
        listing.TakeDomainEvents();
        _listings[listing.Id] = listing;
        return listing;
    }

    private T? Track<T>(T? entity)
        where T : Domain.Common.Entity
    {
        if (entity is not null)
        {
            App.Track(entity);
        }

        return entity;
    }

    private void SignIn(Guid userId, Role role = Role.User)
    {
        App.Caller.IsAuthenticated.Returns(true);
        App.Caller.UserId.Returns(userId);
        App.Caller.Username.Returns(userId == Seller ? "seller" : "buyer");
        App.Caller.Role.Returns(role);
    }
}
