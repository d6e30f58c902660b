using System.Collections.Concurrent;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The hub under load (not timed): 200 clients in 4 rooms each send 50 messages at once. Every message is
/// stored exactly once, and every member of a room receives every message of that room, in id order.
/// </summary>
public class ChatLoadTests : UserApiTestBase
{
    private const int Rooms = 4;
    private const int MembersPerRoom = 50;
    private const int MessagesPerClient = 50;

    protected override bool UsesKestrel => true;

    // The per-user sending budget is not what this test is about.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chat:SendBurst"] = "10000",
        ["Chat:SendPerMinute"] = "100000",
    };

    [Test]
    public async Task Two_hundred_clients_in_four_rooms_each_send_fifty_messages_stored_once_and_heard_by_every_member_in_id_order()
    {
        var users = new Tokens[Rooms * MembersPerRoom];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => users[i] = await UserAsync($"load_{i:D3}"));
        var rooms = new Guid[Rooms];
        for (var r = 0; r < Rooms; r++)
        {
            var owner = users[r * MembersPerRoom];
            rooms[r] = (await BodyAsync(await PostAsync("/api/v1/chat/rooms", new { name = $"Load room {r}" }, owner.AccessToken)))["data"]!["id"]!.GetValue<Guid>();
            var room = rooms[r];
            await Parallel.ForEachAsync(users.Skip(r * MembersPerRoom + 1).Take(MembersPerRoom - 1), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (member, _) => await OkAsync(await PostAsync($"/api/v1/chat/rooms/{room}/join", new { }, member.AccessToken)));
        }

        var heard = Enumerable.Range(0, users.Length).Select(_ => new ConcurrentQueue<(Guid Room, Guid Id)>()).ToArray();
        var clients = new SignalRTestClient[users.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            clients[i] = await SignalRTestClient.ConnectAsync(Client.BaseAddress!, "/hubs/chat", users[i].AccessToken,
                (target, message) =>
                {
                    if (target == "message")
                    {
                        heard[i].Enqueue((message!["room_id"]!.GetValue<Guid>(), message["id"]!.GetValue<Guid>()));
                    }
                },
                keepEvents: false));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, users.Length).Select(async i =>
            {
                var room = rooms[i / MembersPerRoom];
                for (var n = 0; n < MessagesPerClient; n++)
                {
                    await clients[i].InvokeAsync("SendMessage", new { room_id = room, content = $"client {i} message {n}", client_message_id = $"{i}-{n}" }, TimeSpan.FromSeconds(120));
                }
            }));

            const int perRoom = MembersPerRoom * MessagesPerClient;
            var everyoneHeardAll = await Eventually.TrueAsync(() => Task.FromResult(heard.All(h => h.Count >= perRoom)), TimeSpan.FromSeconds(120));
            var stored = new Dictionary<Guid, Guid[]>();
            foreach (var room in rooms)
            {
                stored[room] = [.. (await Database.ScalarsAsync<Guid>("SELECT id FROM chat_messages WHERE room_id = @r ORDER BY id", ("r", room)))];
            }

            Assert.Multiple(async () =>
            {
                Assert.That(everyoneHeardAll, Is.True, $"fewest heard: {heard.Min(h => h.Count)} of {perRoom}");
                Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages"), Is.EqualTo(Rooms * perRoom), "each message stored exactly once");
                Assert.That(await Database.ScalarAsync<long>("SELECT count(DISTINCT (author_id, client_message_id)) FROM chat_messages"), Is.EqualTo(Rooms * perRoom));
                for (var i = 0; i < users.Length; i++)
                {
                    var room = rooms[i / MembersPerRoom];
                    var received = heard[i].ToArray();
                    Assert.That(received.All(m => m.Room == room), Is.True, $"client {i} heard only its room");
                    Assert.That(received.Select(m => m.Id), Is.EqualTo(stored[room]), $"client {i} heard every message of its room once, in id order");
                }
            });
        }
        finally
        {
            foreach (var client in clients.Where(c => c is not null))
            {
                await client.DisposeAsync();
            }
        }
    }
}
