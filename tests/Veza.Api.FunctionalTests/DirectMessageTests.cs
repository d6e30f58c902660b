using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>Direct messages over REST: privacy preferences and blocks, idempotent sends, conversations with unread counts, read markers.</summary>
public class DirectMessageTests : UserApiTestBase
{
    [Test]
    public async Task Two_users_talk_the_conversation_counts_unread_until_read_and_a_retry_is_not_a_duplicate()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");

        using var first = await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "Loved your track", client_message_id = "b-1" }, bob.AccessToken);
        var sent = (await BodyAsync(first))["data"]!;
        var retried = (await BodyAsync(await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "Loved your track", client_message_id = "b-1" }, bob.AccessToken)))["data"]!;
        var second = (await BodyAsync(await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "Collab?", client_message_id = "b-2" }, bob.AccessToken)))["data"]!;
        var unread = (await OkAsync(await GetAsync("/api/v1/chat/conversations", nova.AccessToken)))["data"]!.AsArray().Single()!;
        using var read = await PostAsync($"/api/v1/chat/dm/{bob.UserId}/read", new { last_read_message_id = sent["id"]!.GetValue<Guid>() }, nova.AccessToken);
        var after = (await OkAsync(await GetAsync("/api/v1/chat/conversations", nova.AccessToken)))["data"]!.AsArray().Single()!;
        var history = (await OkAsync(await GetAsync($"/api/v1/chat/dm/{bob.UserId}", nova.AccessToken)))["data"]!.AsArray();

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retried["id"]!.GetValue<Guid>(), Is.EqualTo(sent["id"]!.GetValue<Guid>()));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_direct_messages"), Is.EqualTo(2));
            Assert.That((unread["with"]!["username"]!.GetValue<string>(), unread["unread_count"]!.GetValue<long>()), Is.EqualTo(("bass_bob", 2L)));
            Assert.That(unread["last_message"]!["id"]!.GetValue<Guid>(), Is.EqualTo(second["id"]!.GetValue<Guid>()));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after["unread_count"]!.GetValue<long>(), Is.EqualTo(1), "read up to the first message only");
            Assert.That(history.Select(m => m!["content"]!.GetValue<string>()), Is.EqualTo(new[] { "Loved your track", "Collab?" }));
            Assert.That(history[0]!["read_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task The_recipients_preference_and_blocks_decide_who_may_write()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        await OkAsync(await PostAsync($"/api/v1/users/{bob.UserId}/follow", new { }, nova.AccessToken));
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { direct_messages = "following" } }, nova.AccessToken));

        using var followed = await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "hi", client_message_id = "b-1" }, bob.AccessToken);
        var stranger = await AssertErrorAsync(await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "hi", client_message_id = "c-1" }, carla.AccessToken), HttpStatusCode.Forbidden, "DM_NOT_ALLOWED");
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/block", new { }, bob.AccessToken));
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "hi", client_message_id = "b-2" }, bob.AccessToken), HttpStatusCode.Forbidden, "DM_NOT_ALLOWED");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/dm/{bob.UserId}", new { content = "hi", client_message_id = "n-1" }, nova.AccessToken), HttpStatusCode.Forbidden, "DM_NOT_ALLOWED");
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { direct_messages = "nobody" } }, carla.AccessToken));
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/dm/{carla.UserId}", new { content = "hi", client_message_id = "n-2" }, nova.AccessToken), HttpStatusCode.Forbidden, "DM_NOT_ALLOWED");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/dm/{Guid.NewGuid()}", new { content = "hi", client_message_id = "n-3" }, nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/dm/{nova.UserId}", new { content = "me", client_message_id = "n-4" }, nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(followed.StatusCode, Is.EqualTo(HttpStatusCode.Created), "someone the recipient follows");
        Assert.That(stranger["error"]!["message"]!.GetValue<string>(), Does.Contain("people they follow"));
    }
}
