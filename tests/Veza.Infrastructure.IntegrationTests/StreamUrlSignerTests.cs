using System.Web;
using Microsoft.Extensions.Options;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Streaming;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The HMAC stream URL signer: valid, tampered, expired, unknown key, and a key rotation.</summary>
public class StreamUrlSignerTests
{
    private const string Path = "/stream/tracks/0193a5b2-7c1e-7d3a-9f10-000000000001/mp3_128";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static HmacStreamUrlSigner Signer(params (string Id, string Secret)[] keys) => Signer(null, keys);

    private static HmacStreamUrlSigner Signer(string? current, params (string Id, string Secret)[] keys) => new(
        Options.Create(new StreamingOptions { Keys = [.. keys.Select(k => new StreamSigningKey { Id = k.Id, Secret = k.Secret })], CurrentKeyId = current }),
        Options.Create(new JwtOptions { SigningKey = "a-jwt-signing-key-of-at-least-32-characters" }));

    private static (string? Exp, string? Kid, string? Lid, string? Sig) Parse(string query)
    {
        var q = HttpUtility.ParseQueryString(query);
        return (q["exp"], q["kid"], q["lid"], q["sig"]);
    }

    [Test]
    public void A_signed_url_grants_its_listener_until_it_expires_and_not_a_second_longer()
    {
        var signer = Signer();
        var (exp, kid, lid, sig) = Parse(signer.Sign(Path, "user-42", Now.AddHours(1)));

        Assert.That(signer.Verify(Path, exp, kid, lid, sig, Now), Is.EqualTo(new Domain.Ports.StreamGrant("user-42", Now.AddHours(1))));
        Assert.That(signer.Verify(Path, exp, kid, lid, sig, Now.AddHours(1)), Is.Null, "expired at exp");
        Assert.That(kid, Is.EqualTo("k0"), "without configured keys, one is derived from the JWT key");
    }

    [Test]
    public void Any_change_to_the_path_or_a_parameter_is_refused()
    {
        var signer = Signer();
        var (exp, kid, lid, sig) = Parse(signer.Sign(Path, "user-42", Now.AddHours(1)));

        Assert.Multiple(() =>
        {
            Assert.That(signer.Verify(Path.Replace("mp3_128", "original"), exp, kid, lid, sig, Now), Is.Null);
            Assert.That(signer.Verify(Path, (long.Parse(exp!) + 3600).ToString(), kid, lid, sig, Now), Is.Null);
            Assert.That(signer.Verify(Path, exp, kid, "user-43", sig, Now), Is.Null);
            Assert.That(signer.Verify(Path, exp, "k9", lid, sig, Now), Is.Null);
            Assert.That(signer.Verify(Path, exp, kid, lid, sig![..^2] + "AA", Now), Is.Null);
            Assert.That(signer.Verify(Path, exp, kid, lid, "not base64 !", Now), Is.Null);
            Assert.That(signer.Verify(Path, null, kid, lid, sig, Now), Is.Null);
            Assert.That(signer.Verify(Path, "-5", kid, lid, sig, Now), Is.Null);
        });
    }

    [Test]
    public void During_a_rotation_urls_of_both_keys_are_accepted_and_new_ones_use_the_current_key()
    {
        var old = Signer(("old", new string('o', 32)));
        var rotating = Signer("new", ("old", new string('o', 32)), ("new", new string('n', 32)));
        var after = Signer(("new", new string('n', 32)));
        var fromOld = Parse(old.Sign(Path, "user-42", Now.AddHours(1)));
        var fromNew = Parse(rotating.Sign(Path, "user-42", Now.AddHours(1)));

        Assert.Multiple(() =>
        {
            Assert.That(rotating.Verify(Path, fromOld.Exp, fromOld.Kid, fromOld.Lid, fromOld.Sig, Now), Is.Not.Null);
            Assert.That(fromNew.Kid, Is.EqualTo("new"));
            Assert.That(after.Verify(Path, fromNew.Exp, fromNew.Kid, fromNew.Lid, fromNew.Sig, Now), Is.Not.Null);
            Assert.That(after.Verify(Path, fromOld.Exp, fromOld.Kid, fromOld.Lid, fromOld.Sig, Now), Is.Null, "a retired key no longer verifies");
        });
    }
}
