using Veza.Domain.Common;
using Veza.Domain.Identities;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Domain.Tests;

/// <summary>Accounts without a password, provider links, pending provider sign-ins and usernames made from profiles.</summary>
public class ExternalIdentityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void An_account_made_through_a_provider_has_no_password_and_no_password_matches_it()
    {
        var user = User.RegisterWithoutPassword("nova_star", "nova@example.com", Now);
        var hasher = new CountingHasher();

        var verification = user.VerifyPassword("anything-at-all", hasher);

        Assert.Multiple(() =>
        {
            Assert.That(user.HasPassword, Is.False);
            Assert.That(user.PasswordHash, Is.Null);
            Assert.That(verification, Is.EqualTo(PasswordVerification.Failed));
            // As slow as a real check, so sign-in timing does not tell such accounts apart.
            Assert.That(hasher.DummyVerifications, Is.EqualTo(1));
            Assert.That(user.DomainEvents.OfType<UserRegistered>().Single().Username, Is.EqualTo("nova_star"));
        });
    }

    [Test]
    public void Setting_a_password_gives_the_account_one()
    {
        var user = User.RegisterWithoutPassword("nova_star", "nova@example.com", Now);

        user.ChangePassword("new-hash", Now.AddMinutes(1));

        Assert.That(user.HasPassword, Is.True);
    }

    [Test]
    public void Register_with_a_password_still_requires_one()
    {
        Assert.Throws<ArgumentException>(() => User.Register("dj_nova", "nova@example.com", "", Now));
    }

    [Test]
    public void A_pending_sign_in_is_spent_once_within_ten_minutes_on_its_own_provider()
    {
        var fresh = PendingOAuthLogin.Start(ExternalProvider.Google, "hash", "verifier", "https://app.example/cb", "binding-hash", Now);
        var expired = PendingOAuthLogin.Start(ExternalProvider.Google, "hash", "verifier", "https://app.example/cb", "binding-hash", Now);
        var elsewhere = PendingOAuthLogin.Start(ExternalProvider.Google, "hash", "verifier", "https://app.example/cb", "binding-hash", Now);

        Assert.Multiple(() =>
        {
            Assert.That(fresh.ExpiresAt, Is.EqualTo(Now.AddMinutes(10)));
            Assert.That(fresh.Consume(ExternalProvider.Google, Now.AddMinutes(10).AddTicks(-1)), Is.True);
            Assert.That(fresh.Consume(ExternalProvider.Google, Now.AddMinutes(1)), Is.False, "second use");
            Assert.That(expired.Consume(ExternalProvider.Google, Now.AddMinutes(10)), Is.False, "at expiry");
            Assert.That(elsewhere.Consume(ExternalProvider.GitHub, Now), Is.False, "another provider");
            // A refused state is spent all the same: it cannot be tried again on the right provider.
            Assert.That(elsewhere.Consume(ExternalProvider.Google, Now), Is.False, "after a refusal");
        });
    }

    [Test]
    public void A_link_keeps_the_providers_latest_address_for_display()
    {
        var identity = UserIdentity.Link(Guid.NewGuid(), ExternalProvider.Discord, "1234", "old@example.com", Now);

        identity.RecordUse("new@example.com", Now.AddDays(1));
        identity.RecordUse(null, Now.AddDays(2));

        Assert.Multiple(() =>
        {
            Assert.That(identity.Email, Is.EqualTo("new@example.com"));
            Assert.That(identity.LastUsedAt, Is.EqualTo(Now.AddDays(2)));
            Assert.That(identity.LinkedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void A_link_refuses_an_overlong_subject()
    {
        Assert.Throws<DomainException>(() => UserIdentity.Link(Guid.NewGuid(), ExternalProvider.GitHub, new string('1', 256), null, Now));
    }

    [TestCase("google", true)]
    [TestCase("github", true)]
    [TestCase("discord", true)]
    [TestCase("Google", false)]
    [TestCase("myspace", false)]
    [TestCase("", false)]
    public void Provider_names_are_exact(string name, bool known)
    {
        Assert.That(ExternalProviders.TryParse(name, out var provider), Is.EqualTo(known));
        if (known)
        {
            Assert.That(provider.ToName(), Is.EqualTo(name));
        }
    }

    [TestCase(new[] { "Nova Star" }, "nova_star")]
    [TestCase(new[] { "Zoë Ångström" }, "zoe_angstrom")]
    [TestCase(new[] { "  --DJ..Nova--  " }, "dj_nova")]
    [TestCase(new[] { "Ｎｏｖａ" }, "nova")]
    [TestCase(new[] { "李", "nova.star" }, "nova_star")]
    [TestCase(new[] { null, "", "ab", "x" }, "user")]
    [TestCase(new[] { "a_very_long_display_name_that_goes_on_and_on" }, "a_very_long_display_name")]
    public void A_username_is_suggested_from_the_first_usable_hint(string?[] hints, string expected)
    {
        var suggestion = UsernameRules.Suggest(hints);

        Assert.Multiple(() =>
        {
            Assert.That(suggestion, Is.EqualTo(expected));
            Assert.That(UsernameRules.IsValid(suggestion), Is.True);
        });
    }

    [TestCase("nova_star", "2", "nova_star_2")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123", "12", "abcdefghijklmnopqrstuvwxyz0_12")]
    [TestCase("abcdefghijklmnopqrstuvwxy_0123", "deadbeef", "abcdefghijklmnopqrstu_deadbeef")]
    public void A_suffix_keeps_the_username_within_its_length(string username, string suffix, string expected)
    {
        var candidate = UsernameRules.WithSuffix(username, suffix);

        Assert.Multiple(() =>
        {
            Assert.That(candidate, Is.EqualTo(expected));
            Assert.That(UsernameRules.IsValid(candidate), Is.True);
        });
    }

    private sealed class CountingHasher : IPasswordHasher
    {
        public int DummyVerifications { get; private set; }

        public string Hash(string password) => "hash:" + password;

        public PasswordVerification Verify(string passwordHash, string password) =>
            passwordHash == Hash(password) ? PasswordVerification.Success : PasswordVerification.Failed;

        public void VerifyAgainstDummy(string password) => DummyVerifications++;
    }
}
