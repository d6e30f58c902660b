using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Infrastructure.Realtime;

namespace Veza.Api.FunctionalTests;

/// <summary>Chat rooms and messages over REST against PostgreSQL: membership rules, idempotent sends, cursors, moderation, and broadcasts after the commit.</summary>
public class ChatRoomTests : UserApiTestBase
{
    private CapturedRealtimeEvents? _events;

    [SetUp]
    public void Listen() => _events = new CapturedRealtimeEvents(Factory.Services);

    [TearDown]
    public void StopListening() => _events?.Dispose();

    [Test]
    public async Task A_room_is_created_once_per_name_and_its_members_talk_with_every_message_stored_once_and_broadcast()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = await CreateAsync(nova, "Synthwave lounge");
        await AssertErrorAsync(await PostAsync("/api/v1/chat/rooms", new { name = "SYNTHWAVE LOUNGE" }, bob.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        await AssertErrorAsync(await PostAsync("/api/v1/chat/rooms", new { name = "x" }, bob.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "hi", client_message_id = "b-1" }, bob.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var joined = (await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken)))["data"]!;
        using var sent = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "  Anyone up for a session?  ", client_message_id = "b-1" }, bob.AccessToken);
        var message = (await BodyAsync(sent))["data"]!;
        var again = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "Anyone up for a session?", client_message_id = "b-1" }, bob.AccessToken)))["data"]!;
        var reply = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages",
            new { content = "Always", client_message_id = "n-1", reply_to_id = message["id"]!.GetValue<Guid>() }, nova.AccessToken)))["data"]!;
        var listed = (await OkAsync(await GetAsync("/api/v1/chat/rooms", bob.AccessToken)))["data"]!.AsArray().Single()!;

        Assert.Multiple(async () =>
        {
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((joined["my_role"]!.GetValue<string>(), joined["member_count"]!.GetValue<long>()), Is.EqualTo(("member", 2L)));
            Assert.That(message["content"]!.GetValue<string>(), Is.EqualTo("Anyone up for a session?"), "trimmed");
            Assert.That(message["author"]!["username"]!.GetValue<string>(), Is.EqualTo("bass_bob"));
            Assert.That(again["id"]!.GetValue<Guid>(), Is.EqualTo(message["id"]!.GetValue<Guid>()), "a retried send answers the first message");
            Assert.That(reply["reply_to_id"]!.GetValue<Guid>(), Is.EqualTo(message["id"]!.GetValue<Guid>()));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.EqualTo(2));
            Assert.That(listed["last_message"]!["id"]!.GetValue<Guid>(), Is.EqualTo(reply["id"]!.GetValue<Guid>()));
            Assert.That(Broadcast("message").Select(n => ((dynamic)n.Payload).Id).Cast<Guid>(),
                Is.EqualTo(new[] { message["id"]!.GetValue<Guid>(), reply["id"]!.GetValue<Guid>() }), "each stored message broadcast once, to its room");
            Assert.That(Broadcast("joined").Single().RoomId, Is.EqualTo(room));
        });
    }

    [Test]
    public async Task A_private_room_is_invisible_to_others_until_a_member_invites_them()
    {
        var nova = await UserAsync("dj_nova");
        var carla = await UserAsync("carla");
        var room = await CreateAsync(nova, "Studio secrets", isPrivate: true);

        await AssertErrorAsync(await GetAsync($"/api/v1/chat/rooms/{room}", carla.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, carla.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var before = (await OkAsync(await GetAsync("/api/v1/chat/rooms", carla.AccessToken)))["data"]!.AsArray();
        using var invited = await PostAsync($"/api/v1/chat/rooms/{room}/invite", new { user_id = carla.UserId }, nova.AccessToken);
        var joined = (await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, carla.AccessToken)))["data"]!;
        var members = (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/members", carla.AccessToken)))["data"]!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty);
            Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(joined["my_role"]!.GetValue<string>(), Is.EqualTo("member"));
            Assert.That(members.Select(m => (m!["user"]!["username"]!.GetValue<string>(), m["role"]!.GetValue<string>())),
                Is.EqualTo(new[] { ("dj_nova", "owner"), ("carla", "member") }));
        });
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/invite", new { user_id = carla.UserId }, nova.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
    }

    [Test]
    public async Task History_pages_by_cursor_and_a_client_catches_up_after_a_gap()
    {
        var nova = await UserAsync("dj_nova");
        var room = await CreateAsync(nova, "Paging room");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = $"m{i}", client_message_id = $"n-{i}" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>());
        }

        var newest = await HistoryAsync(room, nova, "limit=2");
        var older = await HistoryAsync(room, nova, $"limit=2&before={newest[0]}");
        var since = await HistoryAsync(room, nova, $"after={ids[1]}");

        Assert.Multiple(() =>
        {
            Assert.That(newest, Is.EqualTo(ids[3..]));
            Assert.That(older, Is.EqualTo(ids[1..3]));
            Assert.That(since, Is.EqualTo(ids[2..]));
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/chat/rooms/{room}/messages?limit=201", nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "six", client_message_id = "n-6" }, nova.AccessToken), (HttpStatusCode)429, "RATE_LIMITED");
    }

    [Test]
    public async Task Authors_edit_their_messages_moderators_delete_any_and_the_owner_cannot_leave()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = await CreateAsync(nova, "Moderated room");
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken));
        var id = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "frist", client_message_id = "b-1" }, bob.AccessToken)))["data"]!["id"]!.GetValue<Guid>();

        await AssertErrorAsync(await PutAsync($"/api/v1/chat/messages/{id}", new { content = "hijacked" }, nova.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var edited = (await OkAsync(await PutAsync($"/api/v1/chat/messages/{id}", new { content = "first" }, bob.AccessToken)))["data"]!;
        using var deleted = await DeleteAsync($"/api/v1/chat/messages/{id}", null, nova.AccessToken);
        var history = (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/messages", bob.AccessToken)))["data"]!.AsArray().Single()!;
        await AssertErrorAsync(await DeleteAsync($"/api/v1/chat/messages/{id}", null, bob.AccessToken), (HttpStatusCode)422, "INVALID_STATE");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/leave", new { }, nova.AccessToken), (HttpStatusCode)422, "INVALID_STATE");
        using var left = await PostAsync($"/api/v1/chat/rooms/{room}/leave", new { }, bob.AccessToken);
        await AssertErrorAsync(await DeleteAsync($"/api/v1/chat/rooms/{room}", null, bob.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        using var removed = await DeleteAsync($"/api/v1/chat/rooms/{room}", null, nova.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(edited["content"]!.GetValue<string>(), Is.EqualTo("first"));
            Assert.That(edited["edited_at"]!.GetValue<DateTimeOffset?>(), Is.Not.Null);
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((history["deleted"]!.GetValue<bool>(), history["content"]), Is.EqualTo((true, (JsonNode?)null)));
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.Zero, "the room's messages went with it");
            Assert.That(Broadcast("message_edited"), Has.Count.EqualTo(1));
            Assert.That(Broadcast("message_deleted"), Has.Count.EqualTo(1));
            Assert.That(Broadcast("left"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Unread_counts_follow_each_members_read_marker_and_the_room_hears_the_receipt()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = await CreateAsync(nova, "Unread room");
        var other = await CreateAsync(nova, "Other room");
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = $"m{i}", client_message_id = $"n-{i}" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>());
        }

        var elsewhere = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{other}/messages", new { content = "x", client_message_id = "o-1" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        await PostAsync($"/api/v1/chat/dm/{bob.UserId}", new { content = "psst", client_message_id = "d-1" }, nova.AccessToken);

        var before = (await OkAsync(await GetAsync("/api/v1/chat/unread", bob.AccessToken)))["data"]!;
        using var read = await PostAsync($"/api/v1/chat/rooms/{room}/read", new { last_read_message_id = ids[1] }, bob.AccessToken);
        var after = (await OkAsync(await GetAsync("/api/v1/chat/unread", bob.AccessToken)))["data"]!;
        var listed = (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}", bob.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(before["rooms"]!.AsArray().Select(r => (r!["room_id"]!.GetValue<Guid>(), r["count"]!.GetValue<long>())), Is.EqualTo(new[] { (room, 3L) }));
            Assert.That(before["conversations"]!.AsArray().Single()!["count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(before["total"]!.GetValue<long>(), Is.EqualTo(4));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after["rooms"]!.AsArray().Single()!["count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(listed["unread_count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(Broadcast("read").Single().RoomId, Is.EqualTo(room));
        });
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/read", new { last_read_message_id = elsewhere }, bob.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Moderators_mute_kick_and_ban_members_below_them_and_a_banned_user_cannot_rejoin()
    {
        var nova = await UserAsync("dj_nova");
        var mod = await UserAsync("mod_mia");
        var bob = await UserAsync("bass_bob");
        var troll = await UserAsync("troll");
        var room = await CreateAsync(nova, "Moderation lounge");
        foreach (var user in new[] { mod, bob, troll })
        {
            await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, user.AccessToken));
        }

        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/members/{troll.UserId}/kick", new { }, mod.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PutAsync($"/api/v1/chat/rooms/{room}", new { description = "mine now" }, mod.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        using var promoted = await PutAsync($"/api/v1/chat/rooms/{room}/members/{mod.UserId}/role", new { role = "moderator" }, nova.AccessToken);
        var edited = (await OkAsync(await PutAsync($"/api/v1/chat/rooms/{room}", new { description = "Be nice.", is_private = false }, mod.AccessToken)))["data"]!;
        await CreateAsync(nova, "Taken name");
        await AssertErrorAsync(await PutAsync($"/api/v1/chat/rooms/{room}", new { name = "TAKEN NAME" }, nova.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        await AssertErrorAsync(await PutAsync($"/api/v1/chat/rooms/{room}", new { owner_id = mod.UserId }, nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        using var muted = await PostAsync($"/api/v1/chat/rooms/{room}/members/{bob.UserId}/mute", new { minutes = 30 }, mod.AccessToken);
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "let me talk", client_message_id = "b-1" }, bob.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/members/{nova.UserId}/kick", new { }, mod.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        using var banned = await PostAsync($"/api/v1/chat/rooms/{room}/members/{troll.UserId}/ban", new { }, mod.AccessToken);
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, troll.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        using var kicked = await PostAsync($"/api/v1/chat/rooms/{room}/members/{bob.UserId}/kick", new { }, mod.AccessToken);
        var rejoined = (await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken)))["data"]!;
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/rooms/{room}/members/{bob.UserId}/mute", new { minutes = 0 }, mod.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Multiple(async () =>
        {
            Assert.That((promoted.StatusCode, muted.StatusCode, banned.StatusCode, kicked.StatusCode), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent)));
            Assert.That(rejoined["my_role"]!.GetValue<string>(), Is.EqualTo("member"), "a kicked member may come back");
            Assert.That((edited["description"]!.GetValue<string>(), edited["is_private"]!.GetValue<bool>(), edited["name"]!.GetValue<string>()), Is.EqualTo(("Be nice.", false, "Moderation lounge")));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_bans WHERE user_id = @u", ("u", troll.UserId)), Is.EqualTo(1));
            Assert.That(Broadcast("left"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task While_verified_addresses_are_required_an_unverified_member_cannot_post_or_write_directly()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var admin = await AdminAsync();
        var room = await CreateAsync(nova, "Verified only");
        using (var put = await PutAsync("/api/v1/admin/settings", new { require_verified_email = true }, admin.AccessToken))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var post = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "hi", client_message_id = "n-1" }, nova.AccessToken);
        using var direct = await PostAsync($"/api/v1/chat/dm/{bob.UserId}", new { content = "hi", client_message_id = "n-2" }, nova.AccessToken);
        await Database.ScalarAsync<int>("UPDATE users SET email_verified_at = now() WHERE id = @id RETURNING 1", ("id", nova.UserId));
        using var accepted = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "hi", client_message_id = "n-3" }, nova.AccessToken);

        await AssertErrorAsync(post, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        await AssertErrorAsync(direct, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the same post once the address is verified");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.EqualTo(1));
    }

    private async Task<Guid> CreateAsync(Tokens owner, string name, bool isPrivate = false)
    {
        using var response = await PostAsync("/api/v1/chat/rooms", new { name, is_private = isPrivate }, owner.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        Assert.That(body["data"]!["my_role"]!.GetValue<string>(), Is.EqualTo("owner"));
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid[]> HistoryAsync(Guid room, Tokens caller, string query) =>
        (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/messages?{query}", caller.AccessToken)))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()).ToArray();

    private List<RealtimeNotification> Broadcast(string type) => _events!.OfType(type);
}
