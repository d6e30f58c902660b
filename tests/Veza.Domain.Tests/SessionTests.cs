using Veza.Domain.Sessions;

namespace Veza.Domain.Tests;

public class SessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionLifetime Lifetime = SessionLifetime.Default;

    [Test]
    public void Start_issues_one_token_expiring_after_the_sliding_lifetime()
    {
        var session = Session.Start(Guid.NewGuid(), "h1", Now, Lifetime, "127.0.0.1", "ua");

        var token = session.Tokens.Single();
        Assert.That(token.ExpiresAt, Is.EqualTo(Now.AddDays(7)));
        Assert.That(session.AbsoluteExpiresAt, Is.EqualTo(Now.AddDays(30)));
    }

    [Test]
    public void Rotate_spends_the_presented_token_and_issues_a_new_one()
    {
        var session = Session.Start(Guid.NewGuid(), "h1", Now, Lifetime, null, null);

        var outcome = session.Rotate("h1", "h2", Now.AddDays(1), Lifetime);

        Assert.That(outcome, Is.EqualTo(RefreshOutcome.Rotated));
        Assert.That(session.Tokens.Single(t => t.TokenHash == "h1").IsSpent, Is.True);
        Assert.That(session.Tokens.Single(t => t.TokenHash == "h2").ExpiresAt, Is.EqualTo(Now.AddDays(8)));
    }

    [Test]
    public void Presenting_a_spent_token_revokes_the_whole_family()
    {
        var session = Session.Start(Guid.NewGuid(), "h1", Now, Lifetime, null, null);
        session.Rotate("h1", "h2", Now.AddMinutes(1), Lifetime);

        var outcome = session.Rotate("h1", "h3", Now.AddMinutes(2), Lifetime);

        Assert.That(outcome, Is.EqualTo(RefreshOutcome.ReuseDetected));
        Assert.That(session.IsRevoked, Is.True);
        Assert.That(session.RevokedReason, Is.EqualTo(SessionRevocationReason.RefreshTokenReuse));
        Assert.That(session.Rotate("h2", "h4", Now.AddMinutes(3), Lifetime), Is.EqualTo(RefreshOutcome.Revoked), "the legitimate latest token dies with its family");
        Assert.That(session.DomainEvents.OfType<SessionRevoked>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void An_idle_token_expires_after_the_sliding_lifetime()
    {
        var session = Session.Start(Guid.NewGuid(), "h1", Now, Lifetime, null, null);

        Assert.That(session.Rotate("h1", "h2", Now.AddDays(7).AddSeconds(1), Lifetime), Is.EqualTo(RefreshOutcome.Expired));
    }

    [Test]
    public void Sliding_never_passes_the_absolute_lifetime()
    {
        var session = Session.Start(Guid.NewGuid(), "t0", Now, Lifetime, null, null);
        var at = Now;
        for (var i = 1; i <= 5; i++)
        {
            at = at.AddDays(5);
            Assert.That(session.Rotate($"t{i - 1}", $"t{i}", at, Lifetime), Is.EqualTo(RefreshOutcome.Rotated));
        }

        Assert.That(session.Tokens.Single(t => t.TokenHash == "t5").ExpiresAt, Is.EqualTo(Now.AddDays(30)));
        Assert.That(session.Rotate("t5", "t6", Now.AddDays(30), Lifetime), Is.EqualTo(RefreshOutcome.Expired));
    }

    [Test]
    public void Revoke_is_idempotent_and_raises_one_event()
    {
        var userId = Guid.NewGuid();
        var session = Session.Start(userId, "h1", Now, Lifetime, null, null);

        Assert.That(session.Revoke(Now, SessionRevocationReason.Logout), Is.True);
        Assert.That(session.Revoke(Now.AddMinutes(1), SessionRevocationReason.Logout), Is.False);
        Assert.That(session.TakeDomainEvents().Single(), Is.EqualTo(new SessionRevoked(session.Id, userId, SessionRevocationReason.Logout, Now)));
    }
}
