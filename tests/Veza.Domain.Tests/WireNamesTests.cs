using Veza.Domain.Common;
using Veza.Domain.Marketplace;

namespace Veza.Domain.Tests;

public class WireNamesTests
{
    [TestCase(ListingKind.Sale, "sale")]
    [TestCase(ListingKind.Trade, "trade")]
    [TestCase(ListingKind.SaleOrTrade, "sale_or_trade")]
    public void A_listing_kind_has_a_snake_case_name_and_is_read_back_from_it(ListingKind kind, string name)
    {
        Assert.That(kind.ToWireName(), Is.EqualTo(name));
        Assert.That(WireNames.TryParse<ListingKind>(name, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(kind));
        Assert.That(WireNames.Parse<ListingKind>(name), Is.EqualTo(kind));
    }

    [TestCase(ListingCondition.New, "new")]
    [TestCase(ListingCondition.LikeNew, "like_new")]
    [TestCase(ListingCondition.Good, "good")]
    [TestCase(ListingCondition.Fair, "fair")]
    [TestCase(ListingCondition.ForParts, "for_parts")]
    public void A_listing_condition_has_a_snake_case_name_and_is_read_back_from_it(ListingCondition condition, string name)
    {
        Assert.That(condition.ToWireName(), Is.EqualTo(name));
        Assert.That(WireNames.TryParse<ListingCondition>(name, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(condition));
        Assert.That(WireNames.Parse<ListingCondition>(name), Is.EqualTo(condition));
    }

    [Test]
    public void All_lists_the_names_in_declaration_order()
    {
        Assert.That(WireNames.All<ListingKind>(), Is.EqualTo(new[] { "sale", "trade", "sale_or_trade" }));
        Assert.That(WireNames.All<ListingCondition>(), Is.EqualTo(new[] { "new", "like_new", "good", "fair", "for_parts" }));
        Assert.That(WireNames.All<OfferStatus>(), Is.EqualTo(new[] { "pending", "countered", "accepted", "rejected", "withdrawn", "expired" }));
    }

    [Test]
    public void Every_member_of_the_marketplace_enums_round_trips()
    {
        AssertRoundTrips<ListingKind>();
        AssertRoundTrips<ListingCondition>();
        AssertRoundTrips<ListingStatus>();
        AssertRoundTrips<OfferStatus>();
        AssertRoundTrips<MarketParty>();
        AssertRoundTrips<OfferMoveKind>();
        AssertRoundTrips<TransactionStatus>();
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("SaleOrTrade")]
    [TestCase("Sale_Or_Trade")]
    [TestCase("SALE")]
    [TestCase("sale-or-trade")]
    [TestCase(" sale")]
    [TestCase("barter")]
    public void A_name_no_member_has_is_not_parsed(string? name)
    {
        Assert.That(WireNames.TryParse<ListingKind>(name, out var parsed), Is.False);
        Assert.That(parsed, Is.EqualTo(default(ListingKind)));
    }

    [TestCase("")]
    [TestCase("likenew")]
    [TestCase("LikeNew")]
    public void Parse_treats_an_unknown_name_as_corrupt_data(string name) =>
        Assert.Throws<FormatException>(() => WireNames.Parse<ListingCondition>(name));

    [Test]
    public void A_value_no_member_has_has_no_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ListingKind)42).ToWireName());

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        var names = Enum.GetValues<TEnum>().Select(v => v.ToWireName()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique, typeof(TEnum).Name);
            Assert.That(names, Has.All.Matches("^[a-z]+(_[a-z]+)*$"), typeof(TEnum).Name);
            foreach (var value in Enum.GetValues<TEnum>())
            {
                Assert.That(WireNames.TryParse<TEnum>(value.ToWireName(), out var parsed) && parsed.Equals(value), Is.True, $"{typeof(TEnum).Name}.{value}");
            }
        });
    }
}
