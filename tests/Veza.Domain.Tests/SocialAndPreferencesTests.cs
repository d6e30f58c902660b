using Veza.Domain.Common;
using Veza.Domain.Social;
using Veza.Domain.Users;

namespace Veza.Domain.Tests;

public class SocialAndPreferencesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_follow_joins_two_different_users()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var follow = Follow.Start(a, b, Now);

        Assert.That((follow.FollowerId, follow.FolloweeId, follow.CreatedAt), Is.EqualTo((a, b, Now)));
        Assert.That(follow.Id, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public void Nobody_follows_or_blocks_themselves()
    {
        var a = Guid.NewGuid();

        Assert.That(() => Follow.Start(a, a, Now), Throws.InstanceOf<DomainException>().With.Message.EqualTo("You cannot follow yourself."));
        Assert.That(() => Block.Place(a, a, Now), Throws.InstanceOf<DomainException>().With.Message.EqualTo("You cannot block yourself."));
    }

    [Test]
    public void Default_preferences_cover_every_notification_kind_and_are_public()
    {
        var defaults = PreferenceSet.Default;

        Assert.Multiple(() =>
        {
            Assert.That(defaults.Notifications.Keys, Is.EquivalentTo(NotificationKinds.All));
            Assert.That(defaults.Notifications.Values, Is.All.EqualTo(new NotificationChannels(InApp: true, Email: false)));
            Assert.That(defaults.Privacy, Is.EqualTo(new PrivacyPreferences(ProfileVisibility.Public, true, DirectMessagePolicy.Everyone)));
            Assert.That(defaults.Audio, Is.EqualTo(new AudioPreferences(StreamQuality.Normal, true)));
        });
    }

    [Test]
    public void A_stored_set_missing_a_newer_kind_is_completed_with_its_default()
    {
        var old = PreferenceSet.Default with
        {
            Notifications = new Dictionary<string, NotificationChannels> { [NotificationKinds.Follows] = new(false, true) },
        };

        var complete = old.Complete();

        Assert.That(complete.Notifications.Keys, Is.EquivalentTo(NotificationKinds.All));
        Assert.That(complete.Notifications[NotificationKinds.Follows], Is.EqualTo(new NotificationChannels(false, true)));
        Assert.That(complete.Notifications[NotificationKinds.Messages], Is.EqualTo(PreferenceSet.Default.Notifications[NotificationKinds.Messages]));
    }

    [Test]
    public void Preferences_refuse_an_unknown_notification_kind()
    {
        var preferences = UserPreferences.For(Guid.NewGuid(), Now);
        var values = PreferenceSet.Default with
        {
            Notifications = new Dictionary<string, NotificationChannels>(PreferenceSet.Default.Notifications) { ["carrier_pigeon"] = new(true, true) },
        };

        Assert.That(() => preferences.Replace(values, Now), Throws.InstanceOf<DomainException>());
        Assert.That(preferences.Values, Is.SameAs(PreferenceSet.Default));
    }

    [Test]
    public void Replacing_preferences_keeps_them_and_the_time()
    {
        var preferences = UserPreferences.For(Guid.NewGuid(), Now);
        var later = Now.AddHours(1);
        var values = PreferenceSet.Default with { Audio = new AudioPreferences(StreamQuality.High, false) };

        preferences.Replace(values, later);

        Assert.That(preferences.Values.Audio, Is.EqualTo(new AudioPreferences(StreamQuality.High, false)));
        Assert.That(preferences.UpdatedAt, Is.EqualTo(later));
    }
}
