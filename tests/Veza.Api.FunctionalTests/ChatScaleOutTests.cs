using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Two API hosts (Kestrel) on one PostgreSQL and one Redis of their own: what one host's clients do reaches
/// the other's; without Redis each host serves its own clients and reports degraded, and recovers.
/// </summary>
public class ChatScaleOutTests : UserApiTestBase
{
    [Test]
    public async Task Clients_on_two_hosts_hear_each_other_each_host_keeps_its_own_clients_without_redis_and_recovers()
    {
        using var redis = ServerProcess.Redis();
        await redis.StartAsync();
        var shared = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{redis.Port}",
            ["Redis:KeyPrefix"] = $"scale{Guid.NewGuid():N}:",
        };
        await using var hostA = new VezaApiFactory(Database.ConnectionString, shared);
        await using var hostB = new VezaApiFactory(Database.ConnectionString, shared);
        hostA.UseKestrel(0);
        hostB.UseKestrel(0);
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var room = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = "Two hosts" }, nova.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
        await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, bob.AccessToken));

        await using var novaOnA = await (await SignalRTestClient.ConnectAsync(clientA.BaseAddress!, "/hubs/chat", nova.AccessToken)).ServerReadyAsync();
        await using var bobOnB = await SignalRTestClient.ConnectAsync(clientB.BaseAddress!, "/hubs/chat", bob.AccessToken);
        var online = await novaOnA.WaitForEventAsync("presence", p => p!["user_id"]!.GetValue<Guid>() == bob.UserId && p["status"]!.GetValue<string>() == "online");
        var sent = await bobOnB.InvokeAsync("SendMessage", new { room_id = room, content = "from host B", client_message_id = "b-1" });
        var heard = await novaOnA.WaitForEventAsync("message", m => m!["client_message_id"]!.GetValue<string>() == "b-1");
        await bobOnB.InvokeAsync("Typing", new { room_id = room });
        var typing = await novaOnA.WaitForEventAsync("typing");
        using var roomRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/chat/rooms/{room}") { Headers = { Authorization = new("Bearer", nova.AccessToken) } };
        var seenFromA = (await BodyAsync(await clientA.SendAsync(roomRequest)))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(online!["status"]!.GetValue<string>(), Is.EqualTo("online"));
            Assert.That(heard!.ToJsonString(), Is.EqualTo(sent!.ToJsonString()), "the relayed event reads exactly as the stored message");
            Assert.That(typing!["user_id"]!.GetValue<Guid>(), Is.EqualTo(bob.UserId));
            Assert.That(seenFromA["online_count"]!.GetValue<long>(), Is.EqualTo(2), "host A counts bob, connected to host B");
        });

        await redis.StopAsync();
        Assert.That(await StatusAsync(clientA), Is.EqualTo("degraded"));
        Assert.That(await StatusAsync(clientB), Is.EqualTo("degraded"));
        await novaOnA.InvokeAsync("SendMessage", new { room_id = room, content = "while Redis is away", client_message_id = "n-1" });
        await bobOnB.InvokeAsync("SendMessage", new { room_id = room, content = "still here on B", client_message_id = "b-2" });
        await novaOnA.WaitForEventAsync("message", m => m!["client_message_id"]!.GetValue<string>() == "n-1");
        await bobOnB.WaitForEventAsync("message", m => m!["client_message_id"]!.GetValue<string>() == "b-2");

        await redis.StartAsync();
        Assert.That(await Eventually.TrueAsync(async () => await StatusAsync(clientA) == "healthy" && await StatusAsync(clientB) == "healthy"), Is.True);
        var after = 0;
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            var id = $"b-after-{++after}";
            await bobOnB.InvokeAsync("SendMessage", new { room_id = room, content = "Redis is back", client_message_id = id });
            await Task.Delay(100);
            return novaOnA.Events("message").Any(m => m!["client_message_id"]!.GetValue<string>() == id);
        }), Is.True, "host A relays host B's messages again");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages WHERE client_message_id IN ('b-1', 'n-1', 'b-2')"), Is.EqualTo(3), "what was sent during the outage is stored: history has it");
    }

    private static async Task<string> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return (await BodyAsync(response))["data"]!["status"]!.GetValue<string>();
    }
}
