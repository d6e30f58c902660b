using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Veza.Infrastructure.Notifications;

namespace Veza.Api.FunctionalTests;

/// <summary>Stored notifications over REST: mentions in chat, preferences, read markers, and who sees what.</summary>
public class NotificationTests : UserApiTestBase
{
    [Test]
    public async Task A_mention_notifies_readers_of_the_room_as_their_preferences_allow_and_is_read_once()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        var dave = await UserAsync("dave_drums");
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { notifications = new { mentions = new { in_app = false } } }, carla.AccessToken));
        var open = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Open lounge" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        var closed = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Closed lounge", is_private = true }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();

        var message = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{open}/messages",
            new { content = "@Bass_Bob @carla @dj_nova @nobody_here are you in tonight?", client_message_id = "n-1" }, nova.AccessToken)))["data"]!;
        await PostAsync($"/api/v1/chat/rooms/{closed}/messages", new { content = "@dave_drums secret", client_message_id = "n-2" }, nova.AccessToken);

        var bobs = await OkAsync(await GetAsync("/api/v1/notifications", bob.AccessToken));
        var mention = bobs["data"]!.AsArray().Single()!;
        var unread = (await OkAsync(await GetAsync("/api/v1/notifications/unread-count", bob.AccessToken)))["data"]!;
        await AssertErrorAsync(await PostAsync($"/api/v1/notifications/{mention["id"]!.GetValue<Guid>()}/read", new { }, dave.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var afterRead = (await OkAsync(await PostAsync($"/api/v1/notifications/{mention["id"]!.GetValue<Guid>()}/read", new { }, bob.AccessToken)))["data"]!;
        var unreadList = await OkAsync(await GetAsync("/api/v1/notifications?unread=true", bob.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(mention["kind"]!.GetValue<string>(), Is.EqualTo("mention"));
            Assert.That(mention["payload"]!["message_id"]!.GetValue<Guid>(), Is.EqualTo(message["id"]!.GetValue<Guid>()));
            Assert.That(mention["payload"]!["author"]!["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(mention["payload"]!["room_name"]!.GetValue<string>(), Is.EqualTo("Open lounge"));
            Assert.That(unread["count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(afterRead["count"]!.GetValue<long>(), Is.Zero);
            Assert.That(unreadList["data"]!.AsArray(), Is.Empty);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = @u", ("u", carla.UserId)), Is.Zero, "carla turned mentions off");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = @u", ("u", nova.UserId)), Is.Zero, "no one is notified of themself");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = @u", ("u", dave.UserId)), Is.Zero, "dave cannot read the private room");
        });

        await PostAsync($"/api/v1/chat/rooms/{open}/messages", new { content = "@bass_bob again", client_message_id = "n-3" }, nova.AccessToken);
        var all = (await OkAsync(await PostAsync("/api/v1/notifications/read-all", new { }, bob.AccessToken)))["data"]!;
        Assert.That(all["count"]!.GetValue<long>(), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE read_at IS NULL"), Is.Zero);
    }

    [Test]
    public async Task Notifications_read_more_than_ninety_days_ago_are_pruned_unread_ones_stay_however_old()
    {
        var nova = await UserAsync("dj_nova");
        foreach (var (kind, created, read) in new[] { ("old_read", 120, (int?)100), ("recent_read", 20, (int?)10), ("old_unread", 200, (int?)null) })
        {
            await Database.ScalarAsync<int>(
                "INSERT INTO notifications (id, user_id, kind, payload, created_at, read_at) VALUES (gen_random_uuid(), @u, @k, '{}'::jsonb, now() - make_interval(days => @c), now() - make_interval(days => @r)) RETURNING 1",
                ("u", nova.UserId), ("k", kind), ("c", created), ("r", (object?)read ?? DBNull.Value));
        }

        var pruned = await Factory.Services.GetRequiredService<ReadNotificationPruner>().PruneAsync(CancellationToken.None);

        var left = (await OkAsync(await GetAsync("/api/v1/notifications", nova.AccessToken)))["data"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>());
        Assert.That(pruned, Is.EqualTo(1));
        Assert.That(left, Is.EquivalentTo(new[] { "recent_read", "old_unread" }));
    }
}
