using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Chat;
using Veza.Infrastructure.Realtime;

namespace Veza.Api.FunctionalTests;

/// <summary>Reactions, pins, track references, replies, previous text for moderators, profanity masking and message reports, over REST against PostgreSQL.</summary>
public class ChatMessageExtrasTests : TrackApiTestBase
{
    private CapturedRealtimeEvents? _events;

    [SetUp]
    public void Listen() => _events = new CapturedRealtimeEvents(Factory.Services);

    [TearDown]
    public void StopListening() => _events?.Dispose();

    [Test]
    public async Task Reactions_are_counted_per_emoji_with_reacted_by_me_idempotent_and_broadcast()
    {
        var (nova, bob, room) = await RoomWithTwoMembersAsync();
        var message = await SendAsync(room, nova, "drop at midnight");
        var fire = Uri.EscapeDataString("🔥");
        var thumbs = Uri.EscapeDataString("👍🏽");

        var first = await OkAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{fire}", new { }, bob.AccessToken));
        var again = await OkAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{fire}", new { }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{fire}", new { }, nova.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{thumbs}", new { }, nova.AccessToken));
        var seenByBob = (await HistoryAsync(room, bob)).Single()!["reactions"]!.AsArray();
        var removed = await OkAsync(await DeleteAsync($"/api/v1/chat/messages/{message}/reactions/{fire}", null, bob.AccessToken));
        var removedAgain = await OkAsync(await DeleteAsync($"/api/v1/chat/messages/{message}/reactions/{fire}", null, bob.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That((first["data"]!["emoji"]!.GetValue<string>(), first["data"]!["count"]!.GetValue<long>(), first["data"]!["reacted_by_me"]!.GetValue<bool>()), Is.EqualTo(("🔥", 1L, true)));
            Assert.That(again["data"]!["count"]!.GetValue<long>(), Is.EqualTo(1), "reacting twice is one reaction");
            Assert.That(seenByBob.Select(r => (r!["emoji"]!.GetValue<string>(), r["count"]!.GetValue<long>(), r["reacted_by_me"]!.GetValue<bool>())),
                Is.EqualTo(new[] { ("🔥", 2L, true), ("👍🏽", 1L, false) }), "in the order first used, the skin tone one emoji");
            Assert.That((removed["data"]!["count"]!.GetValue<long>(), removed["data"]!["reacted_by_me"]!.GetValue<bool>()), Is.EqualTo((1L, false)));
            Assert.That(removedAgain["data"]!["count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(Broadcast("reaction").Cast<ChatReactionEvent>().Select(e => e.Added), Is.EqualTo(new[] { true, true, true, false }), "only changes are broadcast");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_reactions WHERE message_id = @m", ("m", message)), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_reaction_needs_one_emoji_membership_and_a_live_message()
    {
        var (nova, bob, room) = await RoomWithTwoMembersAsync();
        var outsider = await UserAsync("outsider");
        var message = await SendAsync(room, nova, "hello");

        await AssertErrorAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/ok", new { }, bob.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{Uri.EscapeDataString("🔥🔥")}", new { }, bob.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{Uri.EscapeDataString("🔥")}", new { }, outsider.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/messages/{Guid.NewGuid()}/reactions/{Uri.EscapeDataString("🔥")}", new { }, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await DeleteAsync($"/api/v1/chat/messages/{message}", null, nova.AccessToken);
        await AssertErrorAsync(await PostAsync($"/api/v1/chat/messages/{message}/reactions/{Uri.EscapeDataString("🔥")}", new { }, bob.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_reactions"), Is.Zero);
    }

    [Test]
    public async Task Moderators_pin_and_unpin_members_cannot_and_the_pins_list_the_latest_first()
    {
        var (nova, bob, room) = await RoomWithTwoMembersAsync();
        var older = await SendAsync(room, bob, "rules: be kind");
        var newer = await SendAsync(room, nova, "next session friday");

        await AssertErrorAsync(await PostAsync($"/api/v1/chat/messages/{older}/pin", new { }, bob.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var pinned = await OkAsync(await PostAsync($"/api/v1/chat/messages/{older}/pin", new { }, nova.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/chat/messages/{newer}/pin", new { }, nova.AccessToken));
        var pins = (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/pins", bob.AccessToken)))["data"]!.AsArray();
        await OkAsync(await DeleteAsync($"/api/v1/chat/messages/{newer}/pin", null, nova.AccessToken));
        var after = (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/pins", bob.AccessToken)))["data"]!.AsArray();
        await DeleteAsync($"/api/v1/chat/messages/{older}", null, bob.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(pinned["data"]!["pinned_at"], Is.Not.Null);
            Assert.That(pins.Select(p => p!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { newer, older }));
            Assert.That(after.Select(p => p!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { older }));
            Assert.That(Broadcast("message_pinned"), Has.Count.EqualTo(2));
            Assert.That(Broadcast("message_unpinned"), Has.Count.EqualTo(1));
            Assert.That((await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/pins", bob.AccessToken)))["data"]!.AsArray(), Is.Empty, "a deleted message leaves the pins");
        });
    }

    [Test]
    public async Task A_message_shows_the_track_it_points_at_to_readers_who_may_see_it()
    {
        var (nova, bob, room) = await RoomWithTwoMembersAsync();
        var shared = await SeedTrackAsync(nova.UserId, new TrackSeed("Midnight Drive", Artwork: true));
        var secret = await SeedTrackAsync(bob.UserId, new TrackSeed("Demo", Visibility: "private"));

        using var sent = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "listen", client_message_id = "t-1", track_id = shared }, nova.AccessToken);
        var message = (await BodyAsync(sent))["data"]!;
        using var othersPrivate = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "and this", client_message_id = "t-2", track_id = secret }, nova.AccessToken);
        using var ownPrivate = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "my demo", client_message_id = "t-3", track_id = secret }, bob.AccessToken);
        var history = await HistoryAsync(room, nova);
        var bobsView = await HistoryAsync(room, bob);

        Assert.Multiple(async () =>
        {
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(message["track"]!["title"]!.GetValue<string>(), Is.EqualTo("Midnight Drive"));
            Assert.That(message["track"]!["artist"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(message["track"]!["artwork_url"]!.GetValue<string>(), Does.StartWith($"/api/v1/tracks/{shared}/artwork?size=128"));
            Assert.That(message["track"]!["duration_seconds"], Is.Not.Null);
            Assert.That(Fields(await AssertErrorAsync(othersPrivate, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "track_id" }));
            Assert.That(ownPrivate.StatusCode, Is.EqualTo(HttpStatusCode.Created), "an owner may point at their private track");
            Assert.That(history.Last()!["track"], Is.Null, "others never see a private track");
            Assert.That(bobsView.Last()!["track"]!["title"]!.GetValue<string>(), Is.EqualTo("Demo"), "its owner does, in history");
            Assert.That(((ChatMessageDto)Broadcast("message").Last()).Track, Is.Null, "the broadcast is read as anyone reads it");
            Assert.That(await Database.ScalarAsync<Guid?>("SELECT track_id FROM chat_messages WHERE client_message_id = 't-1'"), Is.EqualTo(shared));
        });
    }

    [Test]
    public async Task Room_moderators_see_the_text_before_an_edit_members_do_not_and_replies_stay_in_their_room()
    {
        var (nova, bob, room) = await RoomWithTwoMembersAsync();
        var message = await SendAsync(room, bob, "first take");
        await OkAsync(await PutAsync($"/api/v1/chat/messages/{message}", new { content = "second take" }, bob.AccessToken));
        var otherRoom = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Elsewhere" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        using var crossReply = await PostAsync($"/api/v1/chat/rooms/{otherRoom}/messages", new { content = "re", client_message_id = "r-1", reply_to_id = message }, nova.AccessToken);
        using var reply = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "re", client_message_id = "r-2", reply_to_id = message }, nova.AccessToken);

        var asModerator = (await HistoryAsync(room, nova)).First()!;
        var asMember = (await HistoryAsync(room, bob)).First()!;
        Assert.Multiple(async () =>
        {
            Assert.That(asModerator["content"]!.GetValue<string>(), Is.EqualTo("second take"));
            Assert.That(asModerator["previous_content"]!.GetValue<string>(), Is.EqualTo("first take"));
            Assert.That(asMember["previous_content"], Is.Null);
            Assert.That(Fields(await AssertErrorAsync(crossReply, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "reply_to_id" }));
            Assert.That((await BodyAsync(reply))["data"]!["reply_to_id"]!.GetValue<Guid>(), Is.EqualTo(message));
        });
    }

    [Test]
    public async Task A_room_that_masks_profanity_stores_and_sends_masked_words_others_keep_them()
    {
        var nova = await UserAsync("dj_nova");
        var masked = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Family friendly", mask_profanity = true }, nova.AccessToken)))["data"]!;
        var open = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Anything goes" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();

        var sent = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{masked["id"]}/messages", new { content = "What the FUCK, this shitake is great", client_message_id = "p-1" }, nova.AccessToken)))["data"]!;
        var edited = (await OkAsync(await PutAsync($"/api/v1/chat/messages/{sent["id"]}", new { content = "holy shit" }, nova.AccessToken)))["data"]!;
        var kept = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{open}/messages", new { content = "holy shit", client_message_id = "p-2" }, nova.AccessToken)))["data"]!;
        await OkAsync(await PutAsync($"/api/v1/chat/rooms/{open}", new { mask_profanity = true }, nova.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(masked["mask_profanity"]!.GetValue<bool>(), Is.True);
            Assert.That(sent["content"]!.GetValue<string>(), Is.EqualTo("What the F***, this shitake is great"), "whole words only, whatever their case");
            Assert.That(edited["content"]!.GetValue<string>(), Is.EqualTo("holy s***"));
            Assert.That(kept["content"]!.GetValue<string>(), Is.EqualTo("holy shit"));
            Assert.That(await Database.ScalarAsync<string>("SELECT content FROM chat_messages WHERE id = @id", ("id", sent["id"]!.GetValue<Guid>())), Is.EqualTo("holy s***"));
            Assert.That(await Database.ScalarAsync<bool>("SELECT mask_profanity FROM chat_rooms WHERE id = @id", ("id", open)), Is.True);
        });
    }

    [Test]
    public async Task A_reported_message_resolved_with_hide_content_is_deleted_and_the_room_hears_it()
    {
        var (nova, bob, room) = await RoomWithTwoMembersAsync();
        var outsider = await UserAsync("outsider");
        var privateRoom = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Backstage", is_private = true }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        var hidden = await SendAsync(privateRoom, nova, "members only");
        var message = await SendAsync(room, bob, "buy followers here");
        var admin = await AdminAsync();

        await AssertErrorAsync(await PostAsync("/api/v1/reports", new { target_type = "message", target_id = hidden, reason = "spam" }, outsider.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await PostAsync("/api/v1/reports", new { target_type = "message", target_id = message, reason = "spam" }, bob.AccessToken), HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        using var filed = await PostAsync("/api/v1/reports", new { target_type = "message", target_id = message, reason = "spam" }, nova.AccessToken);
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var reportId = (await BodyAsync(filed))["data"]!["id"]!.GetValue<Guid>();
        await OkAsync(await PostAsync($"/api/v1/admin/reports/{reportId}/resolve", new { action = "hide_content", note = "Spam." }, admin.AccessToken));

        var shown = (await HistoryAsync(room, nova)).Single()!;
        Assert.Multiple(async () =>
        {
            Assert.That(shown["deleted"]!.GetValue<bool>(), Is.True);
            Assert.That(shown["content"], Is.Null);
            Assert.That(Broadcast("message_deleted"), Has.Count.EqualTo(1));
            Assert.That(await Database.ScalarAsync<Guid?>("SELECT deleted_by FROM chat_messages WHERE id = @id", ("id", message)), Is.EqualTo(admin.UserId));
        });
    }

    private async Task<(Tokens Nova, Tokens Bob, Guid Room)> RoomWithTwoMembersAsync()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Lounge" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken));
        return (nova, bob, room);
    }

    private async Task<Guid> SendAsync(Guid room, Tokens author, string content)
    {
        using var response = await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content, client_message_id = Guid.NewGuid().ToString("N") }, author.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    private async Task<JsonArray> HistoryAsync(Guid room, Tokens caller) =>
        (await OkAsync(await GetAsync($"/api/v1/chat/rooms/{room}/messages", caller.AccessToken)))["data"]!.AsArray();

    private List<object> Broadcast(string type) => [.. _events!.OfType(type).Select(e => e.Payload)];
}
