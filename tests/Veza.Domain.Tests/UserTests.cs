using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Domain.Tests;

public class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Register_keeps_the_email_as_typed_normalizes_it_for_uniqueness_and_raises_registered_event()
    {
        var user = User.Register("dj_nova", "Nova@Example.COM", "hash", Now);

        Assert.Multiple(() =>
        {
            Assert.That(user.Username, Is.EqualTo("dj_nova"));
            Assert.That(user.Email, Is.EqualTo("Nova@Example.COM"));
            Assert.That(user.NormalizedEmail, Is.EqualTo("nova@example.com"));
            Assert.That(user.NormalizedUsername, Is.EqualTo("dj_nova"));
            Assert.That(user.Role, Is.EqualTo(Role.User));
            Assert.That(user.DomainEvents.Single(), Is.EqualTo(new UserRegistered(user.Id, "dj_nova", "Nova@Example.COM", Now)));
        });
    }

    [Test]
    public void Register_refuses_a_bad_username_or_email()
    {
        Assert.Throws<DomainException>(() => User.Register("No", "a@b.c", "hash", Now));
        Assert.Throws<DomainException>(() => User.Register("valid_name", "not-an-email", "hash", Now));
    }

    [Test]
    public void ChangePassword_replaces_the_hash_and_raises_an_event()
    {
        var user = User.Register("dj_nova", "nova@example.com", "old", Now);
        user.TakeDomainEvents();

        user.ChangePassword("new", Now.AddDays(1));

        Assert.That(user.PasswordHash, Is.EqualTo("new"));
        Assert.That(user.PasswordChangedAt, Is.EqualTo(Now.AddDays(1)));
        Assert.That(user.TakeDomainEvents().Single(), Is.InstanceOf<PasswordChanged>());
    }

    [Test]
    public void Only_the_first_proof_of_the_address_says_so_and_a_removed_password_no_longer_verifies()
    {
        var user = User.Register("dj_nova", "nova@example.com", "squatter-hash", Now);

        var first = user.MarkEmailVerified(Now.AddHours(1));
        var second = user.MarkEmailVerified(Now.AddHours(2));
        user.RemovePassword(Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((true, false)));
            Assert.That(user.EmailVerifiedAt, Is.EqualTo(Now.AddHours(1)), "the first time is kept");
            Assert.That(user.HasPassword, Is.False);
            Assert.That(user.PasswordChangedAt, Is.EqualTo(Now.AddHours(1)));
        });
    }

    [TestCase(Role.User, "user")]
    [TestCase(Role.Moderator, "moderator")]
    [TestCase(Role.Admin, "admin")]
    [TestCase(Role.SuperAdmin, "super_admin")]
    public void Role_names_round_trip(Role role, string name)
    {
        Assert.That(role.ToName(), Is.EqualTo(name));
        Assert.That(RoleNames.TryParse(name, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(role));
    }

    [Test]
    public void Unknown_role_name_is_refused() => Assert.That(RoleNames.TryParse("root", out _), Is.False);

    [Test]
    public void A_ban_or_a_longer_suspension_already_covers_a_shorter_suspension()
    {
        var banned = User.Register("dj_nova", "nova@example.com", "hash", Now);
        banned.Ban("spam", Now);
        var suspended = User.Register("dj_vega", "vega@example.com", "hash", Now);
        suspended.Suspend("abuse", Now.AddDays(30), Now);
        var active = User.Register("dj_lyra", "lyra@example.com", "hash", Now);

        Assert.Multiple(() =>
        {
            Assert.That(banned.IsRestrictedAtLeastUntil(Now.AddDays(7), Now), Is.True);
            Assert.That(banned.IsRestrictedAtLeastUntil(null, Now), Is.True);
            Assert.That(suspended.IsRestrictedAtLeastUntil(Now.AddDays(7), Now), Is.True);
            Assert.That(suspended.IsRestrictedAtLeastUntil(Now.AddDays(60), Now), Is.False, "a longer one is a real change");
            Assert.That(suspended.IsRestrictedAtLeastUntil(null, Now), Is.False, "an indefinite one too");
            Assert.That(suspended.IsRestrictedAtLeastUntil(Now.AddDays(7), Now.AddDays(31)), Is.False, "once it has ended");
            Assert.That(active.IsRestrictedAtLeastUntil(Now.AddDays(7), Now), Is.False);
        });
    }

    [Test]
    public void The_query_form_of_the_active_rule_answers_as_the_entity_does()
    {
        var active = User.Register("dj_nova", "nova@example.com", "hash", Now);
        var suspendedForADay = User.Register("dj_vega", "vega@example.com", "hash", Now);
        suspendedForADay.Suspend("abuse", Now.AddDays(1), Now);
        var suspendedIndefinitely = User.Register("dj_lyra", "lyra@example.com", "hash", Now);
        suspendedIndefinitely.Suspend("abuse", null, Now);
        var banned = User.Register("dj_orion", "orion@example.com", "hash", Now);
        banned.Ban("spam", Now);
        var deleted = User.Register("dj_rigel", "rigel@example.com", "hash", Now);
        deleted.Delete(Now);

        foreach (var at in new[] { Now, Now.AddDays(1), Now.AddDays(2) })
        {
            var query = User.ActiveAt(at).Compile();
            foreach (var user in new[] { active, suspendedForADay, suspendedIndefinitely, banned, deleted })
            {
                Assert.That(query(user), Is.EqualTo(user.IsActiveAt(at)), $"{user.Username} at {at:O}");
            }
        }

        Assert.That(User.ActiveAt(Now.AddDays(2)).Compile()(suspendedForADay), Is.True, "a suspension ends by itself");
    }
}
