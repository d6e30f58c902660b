using System.Net.WebSockets;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>The chat hub over real WebSockets (Kestrel) with a JSON-protocol client: auth, calls into the same use cases as REST, events to rooms, catching up.</summary>
public class ChatHubTests : UserApiTestBase
{
    protected override bool UsesKestrel => true;

    [Test]
    public async Task Members_hear_each_others_messages_live_and_a_client_that_was_away_catches_up_from_history()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Live lounge" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();

        await using var novaHub = await ConnectAsync(nova.AccessToken);
        await using var bobHub = await ConnectAsync(bob.AccessToken);
        var joined = await bobHub.InvokeAsync("JoinRoom", new { room_id = room });
        var sent = await bobHub.InvokeAsync("SendMessage", new { room_id = room, content = "hello from the hub", client_message_id = "b-1" });
        var heard = await novaHub.WaitForEventAsync("message", m => m!["id"]!.GetValue<Guid>() == sent!["id"]!.GetValue<Guid>());
        var again = await bobHub.InvokeAsync("SendMessage", new { room_id = room, content = "hello from the hub", client_message_id = "b-1" });

        // Sent over REST while nobody listens on a new connection: history after the last seen id has it.
        var missed = (await BodyAsync(await PostAsync($"/api/v1/chat/rooms/{room}/messages", new { content = "while you were away", client_message_id = "n-1" }, nova.AccessToken)))["data"]!;
        var caughtUp = (await bobHub.InvokeAsync("GetRoomHistory", new { room_id = room, after = sent!["id"]!.GetValue<Guid>() }))!.AsArray();

        Assert.Multiple(async () =>
        {
            Assert.That(joined!["my_role"]!.GetValue<string>(), Is.EqualTo("member"));
            Assert.That(heard!["content"]!.GetValue<string>(), Is.EqualTo("hello from the hub"));
            Assert.That(heard["author"]!["username"]!.GetValue<string>(), Is.EqualTo("bass_bob"));
            Assert.That(again!["id"]!.GetValue<Guid>(), Is.EqualTo(sent["id"]!.GetValue<Guid>()), "a retried send is the same message");
            Assert.That(caughtUp.Select(m => m!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { missed["id"]!.GetValue<Guid>() }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.EqualTo(2));
            Assert.That(novaHub.Events("joined"), Has.Count.EqualTo(1), "the owner's connection is in the room's group from its start");
        });
    }

    [Test]
    public async Task A_direct_message_reaches_the_recipients_connection_and_the_read_receipt_comes_back()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        await using var novaHub = await ConnectAsync(nova.AccessToken);
        await using var bobHub = await ConnectAsync(bob.AccessToken);

        var sent = await bobHub.InvokeAsync("SendDirectMessage", new { user_id = nova.UserId, content = "psst", client_message_id = "b-1" });
        var received = await novaHub.WaitForEventAsync("dm");
        await novaHub.InvokeAsync("MarkRead", new { user_id = bob.UserId, last_read_message_id = sent!["id"]!.GetValue<Guid>() });
        var receipt = await bobHub.WaitForEventAsync("read");
        var history = (await novaHub.InvokeAsync("GetDmHistory", new { user_id = bob.UserId }))!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(received!["id"]!.GetValue<Guid>(), Is.EqualTo(sent["id"]!.GetValue<Guid>()));
            Assert.That(received["sender"]!["username"]!.GetValue<string>(), Is.EqualTo("bass_bob"));
            Assert.That((receipt!["user_id"]!.GetValue<Guid>(), receipt["last_read_message_id"]!.GetValue<Guid>()), Is.EqualTo((nova.UserId, sent["id"]!.GetValue<Guid>())));
            Assert.That(history.Single()!["read_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Presence_counts_a_users_connections_as_one_and_typing_is_throttled_and_never_stored()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Presence lounge" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken));
        await using var novaHub = await ConnectAsync(nova.AccessToken);

        var bobPhone = await ConnectAsync(bob.AccessToken);
        await novaHub.WaitForEventAsync("presence", p => p!["user_id"]!.GetValue<Guid>() == bob.UserId && p["status"]!.GetValue<string>() == "online");
        var bobLaptop = await ConnectAsync(bob.AccessToken);
        await bobLaptop.InvokeAsync("SetStatus", new { status = "away" });
        var away = await novaHub.WaitForEventAsync("presence", p => p!["status"]!.GetValue<string>() == "away");
        var refused = Assert.ThrowsAsync<HubCallFailedException>(() => bobLaptop.InvokeAsync("SetStatus", new { status = "invisible" }));
        await bobLaptop.InvokeAsync("SetStatus", new { status = "online" });
        await bobLaptop.InvokeAsync("Typing", new { room_id = room });
        await bobLaptop.InvokeAsync("Typing", new { room_id = room });
        await novaHub.WaitForEventAsync("typing");
        await bobPhone.DisposeAsync();
        await novaHub.InvokeAsync("GetRoomHistory", new { room_id = room });   // a round trip: anything the close sent has arrived
        var statuses = novaHub.Events("presence").Where(p => p!["user_id"]!.GetValue<Guid>() == bob.UserId).Select(p => p!["status"]!.GetValue<string>()).ToList();
        await bobLaptop.DisposeAsync();
        await novaHub.WaitForEventAsync("presence", p => p!["status"]!.GetValue<string>() == "offline");

        Assert.Multiple(async () =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { "online", "away", "online" }), "a second connection is not a second arrival, closing one of two is not leaving");
            Assert.That(away!["user_id"]!.GetValue<Guid>(), Is.EqualTo(bob.UserId));
            Assert.That(refused!.Message, Does.StartWith("VALIDATION_ERROR:"));
            Assert.That(novaHub.Events("typing"), Has.Count.EqualTo(1), "the second signal within two seconds is dropped");
            Assert.That(novaHub.Events("typing")[0]!["user_id"]!.GetValue<Guid>(), Is.EqualTo(bob.UserId));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.Zero);
        });
    }

    [Test]
    public async Task A_connection_whose_session_is_revoked_is_told_why_and_closed_while_the_other_session_stays()
    {
        var phone = await UserAsync("dj_nova");
        var laptop = await LoginAsync("dj_nova");
        await using var phoneHub = await ConnectAsync(phone.AccessToken);
        await using var laptopHub = await ConnectAsync(laptop.AccessToken);

        using var signOutOthers = await DeleteAsync("/api/v1/auth/sessions", null, laptop.AccessToken);
        var error = await phoneHub.WaitForEventAsync("error");

        Assert.Multiple(async () =>
        {
            Assert.That(signOutOthers.IsSuccessStatusCode, Is.True);
            Assert.That(error!["code"]!.GetValue<string>(), Is.EqualTo("SESSION_REVOKED"));
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(phoneHub.CloseError is not null)), Is.True, "the server closed it");
            Assert.That(await laptopHub.InvokeAsync("GetDmHistory", new { user_id = Guid.NewGuid() }), Is.Not.Null, "the current session's connection stays");
        });
        Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(phone.AccessToken), "the revoked token cannot reconnect");
    }

    [Test]
    public async Task A_refused_call_fails_with_its_code_and_a_connection_without_a_valid_token_is_refused()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Closed lounge", is_private = true }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        await using var bobHub = await ConnectAsync(bob.AccessToken);

        var notFound = Assert.ThrowsAsync<HubCallFailedException>(() => bobHub.InvokeAsync("SendMessage", new { room_id = room, content = "let me in", client_message_id = "b-1" }));
        await using var novaHub = await ConnectAsync(nova.AccessToken);
        var invalid = Assert.ThrowsAsync<HubCallFailedException>(() => novaHub.InvokeAsync("SendMessage", new { room_id = room, content = "   ", client_message_id = "n-1" }));

        Assert.Multiple(() =>
        {
            Assert.That(notFound!.Message, Does.StartWith("NOT_FOUND: "));
            Assert.That(invalid!.Message, Does.StartWith("VALIDATION_ERROR: ").And.Contain("content"));
        });
        Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(null));
        Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(nova.AccessToken + "x"));
    }

    [Test]
    public async Task The_official_javascript_client_connects_joins_talks_types_and_catches_up_after_a_reconnect()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "JS lounge" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken));
        var start = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestServers.NodeScripts };
        foreach (var argument in new[] { Path.Combine(TestServers.NodeScripts, "chat-e2e.mjs"), Client.BaseAddress!.ToString(), nova.AccessToken, bob.AccessToken, room.ToString(), bob.UserId.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var report = (await output).Trim();

        Assert.That(process.ExitCode, Is.Zero, $"{report} {await errors}");
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(report)!.AsObject().Select(p => p.Key),
            Is.EquivalentTo(new[] { "joined", "presence", "sent", "received", "typing", "refusedWithCode", "caughtUp" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.EqualTo(3), "each send stored once");
    }

    private async Task<SignalRTestClient> ConnectAsync(string? accessToken) =>
        await (await SignalRTestClient.ConnectAsync(Client.BaseAddress!, "/hubs/chat", accessToken)).ServerReadyAsync();
}
