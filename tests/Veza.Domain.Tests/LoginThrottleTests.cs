using Veza.Domain.Users;

namespace Veza.Domain.Tests;

public class LoginThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly LoginThrottlePolicy PerAddress = LoginThrottlePolicy.PerLoginAndAddress;

    [Test]
    public void Five_failures_within_the_window_lock_the_key_for_a_minute()
    {
        var throttle = LoginThrottle.Start("k", PerAddress, Now);
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure(PerAddress, Now.AddMinutes(i));
        }

        Assert.That(throttle.LockedFor(Now.AddMinutes(4)), Is.Null);
        throttle.RecordFailure(PerAddress, Now.AddMinutes(4));

        Assert.That(throttle.LockedFor(Now.AddMinutes(4).AddSeconds(10)), Is.EqualTo(TimeSpan.FromSeconds(50)));
        Assert.That(throttle.LockedFor(Now.AddMinutes(5).AddSeconds(1)), Is.Null);
    }

    [Test]
    public void Failures_spread_beyond_the_window_do_not_lock()
    {
        var throttle = LoginThrottle.Start("k", PerAddress, Now);
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure(PerAddress, Now.AddMinutes(i * 4));
        }

        Assert.That(throttle.LockedUntil, Is.Null);
    }

    [Test]
    public void Past_the_budget_each_failure_locks_again_for_twice_as_long_up_to_fifteen_minutes()
    {
        var throttle = LoginThrottle.Start("k", PerAddress, Now);
        var at = Now;
        var durations = new List<double>();
        // A guesser who tries again the moment each lock ends (the guard refuses attempts while locked).
        while (durations.Count < 6)
        {
            throttle.RecordFailure(PerAddress, at);
            if (throttle.LockedFor(at) is { } locked)
            {
                durations.Add(locked.TotalMinutes);
                at += locked + TimeSpan.FromSeconds(1);
            }
        }

        Assert.That(durations, Is.EqualTo(new[] { 1d, 2, 4, 8, 15, 15 }));
    }

    [Test]
    public void Locks_are_forgotten_one_an_hour_so_a_lock_count_cannot_stay_high_for_ever()
    {
        var throttle = LoginThrottle.Start("k", PerAddress, Now);
        for (var i = 0; i < PerAddress.MaxFailures + 3; i++)
        {
            throttle.RecordFailure(PerAddress, Now);
        }

        Assert.That(throttle.LocksRemembered(PerAddress, Now), Is.EqualTo(4));
        Assert.That(throttle.LocksRemembered(PerAddress, Now.AddHours(2).AddMinutes(1)), Is.EqualTo(2));
        Assert.That(throttle.LocksRemembered(PerAddress, Now.AddHours(9)), Is.Zero);

        var later = Now.AddHours(9);
        for (var i = 0; i < PerAddress.MaxFailures; i++)
        {
            throttle.RecordFailure(PerAddress, later);
        }

        Assert.That(throttle.LockedFor(later), Is.EqualTo(TimeSpan.FromMinutes(1)), "back to the first, shortest lock");
    }

    [Test]
    public void A_success_clears_the_failures_and_the_lock_but_not_remembered_locks()
    {
        var throttle = LoginThrottle.Start("k", PerAddress, Now);
        for (var i = 0; i < PerAddress.MaxFailures; i++)
        {
            throttle.RecordFailure(PerAddress, Now);
        }

        throttle.RecordSuccess(Now.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(throttle.Failures, Is.Zero);
            Assert.That(throttle.LockedFor(Now.AddMinutes(2)), Is.Null);
            Assert.That(throttle.LocksRemembered(PerAddress, Now.AddMinutes(2)), Is.EqualTo(1));
        });
    }

    [Test]
    public void The_per_login_policy_allows_a_hundred_failures_an_hour_then_one_every_thirty_seconds()
    {
        var policy = LoginThrottlePolicy.PerLogin;
        var throttle = LoginThrottle.Start("k", policy, Now);
        for (var i = 0; i < 99; i++)
        {
            throttle.RecordFailure(policy, Now.AddSeconds(i));
        }

        Assert.That(throttle.LockedFor(Now.AddSeconds(99)), Is.Null);
        throttle.RecordFailure(policy, Now.AddSeconds(100));
        Assert.That(throttle.LockedFor(Now.AddSeconds(100)), Is.EqualTo(TimeSpan.FromSeconds(30)));
        throttle.RecordFailure(policy, Now.AddSeconds(131));
        Assert.That(throttle.LockedFor(Now.AddSeconds(131)), Is.EqualTo(TimeSpan.FromSeconds(30)), "slowed, not doubled");
    }

    [Test]
    public void Keys_differ_by_policy_login_and_address_and_never_contain_the_login()
    {
        var keys = new[]
        {
            LoginThrottle.KeyFor(PerAddress, "dj_nova", "203.0.113.7"),
            LoginThrottle.KeyFor(PerAddress, "dj_nova", "198.51.100.1"),
            LoginThrottle.KeyFor(PerAddress, "dj_ghost", "203.0.113.7"),
            LoginThrottle.KeyFor(LoginThrottlePolicy.PerLogin, "dj_nova", null),
        };

        Assert.That(keys.Distinct().Count(), Is.EqualTo(4));
        Assert.That(keys, Has.All.Length.EqualTo(64).And.All.Not.Contain("nova"));
    }
}
