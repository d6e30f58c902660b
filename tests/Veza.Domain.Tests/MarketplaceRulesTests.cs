using System.Globalization;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;

namespace Veza.Domain.Tests;

public class MarketplaceRulesTests
{
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [TestCase("0.01", true)]
    [TestCase("1", true)]
    [TestCase("49.9", true)]
    [TestCase("49.90", true)]
    [TestCase("49.900", true)]
    [TestCase("99999999.99", true)]
    [TestCase("0", false)]
    [TestCase("-0.01", false)]
    [TestCase("0.001", false)]
    [TestCase("10.555", false)]
    [TestCase("100000000", false)]
    public void An_amount_is_positive_at_most_the_maximum_and_in_cents(string amount, bool valid) =>
        Assert.That(MarketRules.IsAmount(D(amount)), Is.EqualTo(valid));

    [TestCase("49.9", "49.90")]
    [TestCase("5", "5.00")]
    [TestCase("1234567.5", "1234567.50")]
    [TestCase("99999999.99", "99999999.99")]
    public void Amounts_are_written_with_two_places(string amount, string written) =>
        Assert.That(MarketRules.Format(D(amount)), Is.EqualTo(written));

    [TestCase("EUR", true)]
    [TestCase("USD", true)]
    [TestCase("JPY", true)]
    [TestCase("ZWG", true)]
    [TestCase("eur", false)]
    [TestCase("XXX", false)]
    [TestCase("XAU", false)]
    [TestCase("EURO", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void Currencies_are_active_iso_4217_codes_in_capitals(string? code, bool valid) =>
        Assert.That(MarketRules.IsCurrency(code), Is.EqualTo(valid));

    [TestCase(ListingKind.Sale, true, false)]
    [TestCase(ListingKind.Trade, false, true)]
    [TestCase(ListingKind.SaleOrTrade, true, true)]
    public void A_kind_says_whether_it_needs_a_price_and_takes_barter(ListingKind kind, bool needsPrice, bool takesBarter) =>
        Assert.That((kind.NeedsPrice(), kind.TakesBarter()), Is.EqualTo((needsPrice, takesBarter)));

    [Test]
    public void Money_is_an_amount_and_its_currency_both_or_neither()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MarketRules.CheckMoney(null, null, "A price"), Is.EqualTo(((decimal?)null, (string?)null)));
            Assert.That(MarketRules.CheckMoney(12.5m, "GBP", "A price"), Is.EqualTo(((decimal?)12.5m, "GBP")));
        });
        var noCurrency = Assert.Throws<DomainException>(() => MarketRules.CheckMoney(12.5m, null, "A price"));
        var noAmount = Assert.Throws<DomainException>(() => MarketRules.CheckMoney(null, "GBP", "An offer's amount"));
        Assert.Multiple(() =>
        {
            Assert.That(noCurrency!.Message, Does.StartWith("A price"));
            Assert.That(noAmount!.Message, Does.StartWith("An offer's amount").And.Contain("99999999.99"));
        });
    }

    [Test]
    public void Titles_are_trimmed_and_three_to_a_hundred_and_twenty_characters()
    {
        Assert.That(MarketRules.CheckTitle("  Moog  "), Is.EqualTo("Moog"));
        Assert.Throws<DomainException>(() => MarketRules.CheckTitle(" ab "));
        Assert.Throws<DomainException>(() => MarketRules.CheckTitle(new string('t', 121)));
    }

    [Test]
    public void Messages_are_optional_trimmed_and_bounded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MarketRules.CheckMessage(null), Is.Null);
            Assert.That(MarketRules.CheckMessage("  "), Is.Null);
            Assert.That(MarketRules.CheckMessage(" hi "), Is.EqualTo("hi"));
        });
        Assert.Throws<DomainException>(() => MarketRules.CheckMessage(new string('m', MarketRules.MessageMaxLength + 1)));
    }
}
