using Veza.Domain.Common;

namespace Veza.Domain.Tests;

public class UnicodeTextTests
{
    // Expected forms from Python's unicodedata.normalize("NFKC", ...); the tables were also checked
    // against it for every code point and 200,000 random mark sequences when they were generated.
    [TestCase("\uFF4E\uFF4F\uFF56\uFF41", "nova", TestName = "fullwidth letters")]
    [TestCase("\uFF24\uFF2A\uFF3F\uFF2E\uFF4F\uFF56\uFF41", "DJ_Nova", TestName = "fullwidth keeps case")]
    [TestCase("\uFB01", "fi", TestName = "ligature")]
    [TestCase("\u2460\u00AA\u00B2", "1a2", TestName = "circled digit, ordinal, superscript")]
    [TestCase("\u212B", "\u00C5", TestName = "singleton: Angstrom sign")]
    [TestCase("e\u0301", "\u00E9", TestName = "composition")]
    [TestCase("\u1E0B\u0323", "\u1E0D\u0307", TestName = "marks reordered by class, then composed")]
    [TestCase("a\u0302\u0323", "\u1EAD", TestName = "two marks onto one letter")]
    [TestCase("\u1100\u1161\u11A8", "\uAC01", TestName = "Hangul jamo compose")]
    [TestCase("\u3200", "(\u1100)", TestName = "parenthesised Hangul stays decomposed")]
    [TestCase("\uFB2C", "\u05E9\u05BC\u05C1", TestName = "composition exclusion")]
    [TestCase("\u3164", "\u1160", TestName = "Hangul filler")]
    [TestCase("caf\u00E9 \uAC01", "caf\u00E9 \uAC01", TestName = "already NFKC")]
    public void ToNfkc_matches_the_unicode_standard(string text, string expected) =>
        Assert.That(UnicodeNormalization.ToNfkc(text), Is.EqualTo(expected));

    [Test]
    public void ToNfkc_works_where_string_Normalize_does_not()
    {
        // The reason the tables exist: with InvariantGlobalization, the framework leaves this unchanged.
        Assert.That("\uFF4E\uFF4F\uFF56\uFF41".Normalize(System.Text.NormalizationForm.FormKC), Is.EqualTo("\uFF4E\uFF4F\uFF56\uFF41"));
        Assert.That(UnicodeNormalization.ToNfkc("\uFF4E\uFF4F\uFF56\uFF41"), Is.EqualTo("nova"));
    }

    [Test]
    public void ToNfkc_returns_ascii_as_it_is() =>
        Assert.That(UnicodeNormalization.ToNfkc("dj_nova@example.com"), Is.SameAs("dj_nova@example.com"));

    [Test]
    public void ToNfkc_is_safe_from_many_threads_at_first_use() =>
        Assert.That(Enumerable.Range(0, 64).AsParallel().Select(_ => UnicodeNormalization.ToNfkc("\uFF4E\uFF4F\uFF56\uFF41")).Distinct(), Is.EqualTo(new[] { "nova" }));

    [TestCase("a\u0000b", false, true)]
    [TestCase("a\u0001b", false, true)]
    [TestCase("a\u001Fb", false, true)]
    [TestCase("a\u007Fb", false, true)]
    [TestCase("a\u0085b", false, true)]
    [TestCase("a\u009Fb", false, true)]
    [TestCase("line\nline", false, true)]
    [TestCase("line\r\nline\ttab", false, true)]
    [TestCase("line\r\nline\ttab", true, false)]
    [TestCase("a\u0000b", true, true)]
    [TestCase("a\u000Bb", true, true)]
    [TestCase("nl24781e00dd\n", false, true)]
    [TestCase("\uD83C\uDFB5 music", false, false)]
    [TestCase("caf\u00E9 \u200B \u00A0", false, false)]
    [TestCase("", false, false)]
    public void HasControlCharacter_finds_Cc_and_lone_surrogates(string text, bool allowLineBreaksAndTabs, bool expected) =>
        Assert.That(UnicodeText.HasControlCharacter(text, allowLineBreaksAndTabs), Is.EqualTo(expected));

    [TestCase("\u200B")]
    [TestCase("\u200C")]
    [TestCase("\u200D")]
    [TestCase("\u2060")]
    [TestCase("\uFEFF")]
    [TestCase("\u00AD")]
    [TestCase("\u180E")]
    [TestCase("\u3164")]
    [TestCase("\u115F")]
    [TestCase("\u1160")]
    [TestCase("\uFFA0")]
    [TestCase("\u034F")]
    [TestCase("\uFE0F")]
    [TestCase("\u2800")]
    [TestCase("\u00A0")]
    [TestCase("\u3000")]
    [TestCase("\u2028")]
    [TestCase("\uE000")]
    [TestCase("\u0000")]
    public void HasInvisibleCharacter_finds_what_shows_nothing(string invisible) =>
        Assert.That(UnicodeText.HasInvisibleCharacter("nova" + invisible + "x"), Is.True);

    // Built at run time: a lone surrogate in an attribute argument is compiled to U+FFFD.
    private static readonly string[] LoneSurrogates = ["lone " + (char)0xD83C + " high", "lone " + (char)0xDFB5 + " low", "ends high " + (char)0xD83C, (char)0xDFB5 + " starts low"];

    [Test]
    public void A_lone_surrogate_is_a_control_character_and_invisible()
    {
        foreach (var text in LoneSurrogates)
        {
            Assert.That(UnicodeText.HasControlCharacter(text), Is.True, text);
            Assert.That(UnicodeText.HasControlCharacter(text, allowLineBreaksAndTabs: true), Is.True, text);
            Assert.That(UnicodeText.HasInvisibleCharacter(text), Is.True, text);
        }
    }

    [TestCase("nova@example.com")]
    [TestCase("jos\u00E9@m\u00FCnchen.de")]
    [TestCase("\u043F\u0440\u0438\u0432\u0435\u0442")]
    [TestCase("\uD83C\uDFB5")]
    public void HasInvisibleCharacter_passes_visible_text(string text) =>
        Assert.That(UnicodeText.HasInvisibleCharacter(text), Is.False);
}
