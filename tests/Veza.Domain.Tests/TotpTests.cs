using System.Text;
using Veza.Domain.Mfa;

namespace Veza.Domain.Tests;

public class TotpTests
{
    /// <summary>The seed of RFC 6238 Appendix B for HMAC-SHA1 (and of RFC 4226 Appendix D).</summary>
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");

    private static readonly DateTimeOffset StepStart = DateTimeOffset.FromUnixTimeSeconds(1_794_000_000 - (1_794_000_000 % Totp.StepSeconds));

    // RFC 6238 Appendix B, the SHA1 rows (8 digits).
    [TestCase(59L, "94287082")]
    [TestCase(1111111109L, "07081804")]
    [TestCase(1111111111L, "14050471")]
    [TestCase(1234567890L, "89005924")]
    [TestCase(2000000000L, "69279037")]
    [TestCase(20000000000L, "65353130")]
    public void Rfc6238_appendix_b_sha1_vectors(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.That(Totp.Code(RfcSeed, step, digits: 8), Is.EqualTo(expected));
    }

    // RFC 4226 Appendix D: HOTP values for counters 0-9 (6 digits), what each TOTP step computes.
    [TestCase(0L, "755224")]
    [TestCase(1L, "287082")]
    [TestCase(2L, "359152")]
    [TestCase(3L, "969429")]
    [TestCase(4L, "338314")]
    [TestCase(5L, "254676")]
    [TestCase(6L, "287922")]
    [TestCase(7L, "162583")]
    [TestCase(8L, "399871")]
    [TestCase(9L, "520489")]
    public void Rfc4226_appendix_d_hotp_vectors(long counter, string expected) =>
        Assert.That(Totp.Code(RfcSeed, counter), Is.EqualTo(expected));

    [Test]
    public void Steps_are_thirty_seconds_from_the_unix_epoch()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(0)), Is.Zero);
            Assert.That(Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(29)), Is.Zero);
            Assert.That(Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(30)), Is.EqualTo(1));
            Assert.That(Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(59)), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_code_is_accepted_one_step_either_side_and_refused_two_steps_away()
    {
        var step = Totp.StepAt(StepStart);
        var code = Totp.Code(RfcSeed, step);

        Assert.Multiple(() =>
        {
            // At each edge of the window: the last instant of the step two before, and the first of the one two after.
            Assert.That(Totp.Match(RfcSeed, code, StepStart.AddSeconds(-31), null), Is.Null, "two steps early (last second)");
            Assert.That(Totp.Match(RfcSeed, code, StepStart.AddSeconds(-30), null), Is.EqualTo(step), "one step early (first second)");
            Assert.That(Totp.Match(RfcSeed, code, StepStart.AddSeconds(-1), null), Is.EqualTo(step), "one step early (last second)");
            Assert.That(Totp.Match(RfcSeed, code, StepStart, null), Is.EqualTo(step), "its own step");
            Assert.That(Totp.Match(RfcSeed, code, StepStart.AddSeconds(59), null), Is.EqualTo(step), "one step late (last second)");
            Assert.That(Totp.Match(RfcSeed, code, StepStart.AddSeconds(60), null), Is.Null, "two steps late (first second)");
        });
    }

    [Test]
    public void A_code_of_a_step_already_accepted_or_earlier_is_refused()
    {
        var step = Totp.StepAt(StepStart);
        var code = Totp.Code(RfcSeed, step);

        Assert.Multiple(() =>
        {
            Assert.That(Totp.Match(RfcSeed, code, StepStart, lastAcceptedStep: step), Is.Null, "replay");
            Assert.That(Totp.Match(RfcSeed, code, StepStart, lastAcceptedStep: step + 1), Is.Null, "a later code was used");
            Assert.That(Totp.Match(RfcSeed, code, StepStart, lastAcceptedStep: step - 1), Is.EqualTo(step));
        });
    }

    [TestCase("")]
    [TestCase("12345")]
    [TestCase("1234567")]
    [TestCase("12a456")]
    [TestCase("１２３４５６")]
    public void Malformed_codes_never_match(string code) =>
        Assert.That(Totp.Match(RfcSeed, code, StepStart, null), Is.Null);

    [Test]
    public void New_secrets_are_160_random_bits()
    {
        var first = Totp.NewSecret();
        Assert.That(first, Has.Length.EqualTo(20));
        Assert.That(Totp.NewSecret(), Is.Not.EqualTo(first));
    }

    // RFC 4648 section 10, without padding.
    [TestCase("", "")]
    [TestCase("f", "MY")]
    [TestCase("fo", "MZXQ")]
    [TestCase("foo", "MZXW6")]
    [TestCase("foob", "MZXW6YQ")]
    [TestCase("fooba", "MZXW6YTB")]
    [TestCase("foobar", "MZXW6YTBOI")]
    public void Base32_follows_rfc4648(string text, string encoded)
    {
        Assert.That(Base32.Encode(Encoding.ASCII.GetBytes(text)), Is.EqualTo(encoded));
        Assert.That(Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "==")), Is.EqualTo(text));
    }

    [Test]
    public void Base32_round_trips_a_secret_and_refuses_other_characters()
    {
        var secret = Totp.NewSecret();
        Assert.That(Base32.Decode(Base32.Encode(secret)), Is.EqualTo(secret));
        Assert.Throws<FormatException>(() => Base32.Decode("MZ1W"));
    }
}
