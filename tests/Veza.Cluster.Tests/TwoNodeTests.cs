using System.Collections.Concurrent;
using System.Net;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Cluster.Tests;

/// <summary>
/// Two API nodes (separate processes) on one PostgreSQL, Redis, NATS and S3 bucket, behind nginx balancing round
/// robin, all started by build/cluster.sh: work is done once, what one node's clients do reaches the other's, limits
/// and revocations hold across both, and a node may crash, stop or restart without a request failing.
/// Each test leaves both nodes running. Each uses a client address of its own (127.0.0.x), so per-address limits
/// never carry from one test to another.
/// </summary>
[NonParallelizable]
public class TwoNodeTests
{
    private static readonly TimeSpan Processing = TimeSpan.FromMinutes(3);

    /// <summary>How long an event may take from one node to another's client on a machine the whole test suite shares.</summary>
    private static readonly TimeSpan CrossNode = TimeSpan.FromSeconds(30);

    private static int _nextAddress = 10;
    private static int _nextUser;

    private Cluster _cluster = null!;
    private TestBucket _bucket = null!;
    private string _audio = null!;
    private string _shortWav = null!;
    private string _longWav = null!;
    private string[] _takes = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        _audio = Directory.CreateTempSubdirectory("veza-cluster-audio-").FullName;
        _shortWav = await TestAudio.MakeToneAsync(Path.Combine(_audio, "short.wav"), 2);
        // Four different files: the same one twice would be refused as a duplicate of the owner's own upload.
        _takes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => TestAudio.MakeToneAsync(Path.Combine(_audio, $"take{i}.wav"), 1 + (i / 10.0))));
        // Long enough that processing is still running when a test stops or kills its node.
        _longWav = await TestAudio.MakeToneAsync(Path.Combine(_audio, "long.wav"), 240);
        _bucket = await TestBucket.CreateAsync();
        var settings = new Dictionary<string, string?>(_bucket.Settings)
        {
            // The general limits are what a load loop from one address would hit; the named ones (register) stay as shipped.
            ["RateLimiting:PerIp:PermitLimit"] = "1000000",
            ["RateLimiting:PerUser:PermitLimit"] = "1000000",
            ["Chat:SendBurst"] = "10000",
            ["Chat:SendPerMinute"] = "10000",
            // Long enough for a test to act while a node drains.
            ["Api:ShutdownDrainDelay"] = "00:00:05",
        };
        _cluster = await Cluster.StartAsync(2, settings);
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }

        Directory.Delete(_audio, recursive: true);
    }

    [Test]
    public async Task Uploads_through_the_balancer_are_each_processed_exactly_once()
    {
        using var client = BalancedClient();
        var owner = await Api.RegisterAsync(client, NewUsername());

        // At once, so both nodes' workers are woken by their own commits and compete for the jobs.
        var tracks = await Task.WhenAll(_takes.Select((take, i) => Api.UploadTrackAsync(client, owner.AccessToken, take, $"Take {i}")));

        foreach (var track in tracks)
        {
            Assert.That(await Api.ProcessedStatusAsync(client, owner.AccessToken, track, Processing), Is.EqualTo("ready"));
        }

        var payloads = tracks.Select(t => t.ToString()).ToArray();
        Assert.Multiple(async () =>
        {
            Assert.That(await JobsAsync("count(*)", payloads), Is.EqualTo(4), "one processing job per upload");
            Assert.That(await JobsAsync("count(*) FILTER (WHERE state = 'succeeded' AND attempts = 1)", payloads), Is.EqualTo(4), "each ran once, first time");
        });
        foreach (var track in tracks)
        {
            // Every node streams what any node processed: the variants are in the shared bucket.
            using var stream = await Api.SendAsync(client, HttpMethod.Get, $"/api/v1/tracks/{track}/stream", owner.AccessToken);
            Assert.That(stream.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Found, HttpStatusCode.TemporaryRedirect), await stream.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task Chat_and_presence_cross_nodes_and_every_node_counts_the_same_room()
    {
        using var client = BalancedClient();
        var nova = await Api.RegisterAsync(client, NewUsername());
        var bob = await Api.RegisterAsync(client, NewUsername());
        var room = await RoomWithAsync(client, nova, bob);

        await using var novaOnNode1 = await InRoomsAsync(1, nova);
        var bobOnNode2 = await InRoomsAsync(2, bob);
        try
        {
            await HearAsync(novaOnNode1, "presence", p => IsPresence(p, bob.UserId, "online"), CrossNode);
            await bobOnNode2.InvokeAsync("SendMessage", new { room_id = room, content = "from node 2", client_message_id = "b-1" });
            var heardOnNode1 = await HearAsync(novaOnNode1, "message", m => m!["client_message_id"]!.GetValue<string>() == "b-1", CrossNode);
            // Through the balancer: the two posts land on both nodes in turn, and bob on node 2 hears both.
            for (var i = 0; i < 2; i++)
            {
                using var post = await Api.SendAsync(client, HttpMethod.Post, $"/api/v1/chat/rooms/{room}/messages", nova.AccessToken,
                    new { content = $"via nginx {i}", client_message_id = $"n-{i}" });
                Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            await HearAsync(bobOnNode2, "message", m => m!["client_message_id"]!.GetValue<string>() == "n-0", CrossNode);
            await HearAsync(bobOnNode2, "message", m => m!["client_message_id"]!.GetValue<string>() == "n-1", CrossNode);
            Assert.Multiple(async () =>
            {
                Assert.That(heardOnNode1!["content"]!.GetValue<string>(), Is.EqualTo("from node 2"));
                Assert.That(await OnlineCountAsync(1, room, nova), Is.EqualTo(2), "node 1 counts bob, connected to node 2");
                Assert.That(await OnlineCountAsync(2, room, nova), Is.EqualTo(2), "node 2 counts nova, connected to node 1");
            });
        }
        finally
        {
            await bobOnNode2.DisposeAsync();
        }

        await HearAsync(novaOnNode1, "presence", p => IsPresence(p, bob.UserId, "offline"), CrossNode);
        Assert.That(await OnlineCountAsync(1, room, nova), Is.EqualTo(1));
        Assert.That(await OnlineCountAsync(2, room, nova), Is.EqualTo(1));
    }

    [Test]
    public async Task A_per_address_limit_counts_requests_on_both_nodes_as_one()
    {
        // Registration allows 10 an hour per address; spread over two nodes it must still be 10, not 10 each.
        using var client = BalancedClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            var name = NewUsername();
            using var response = await Api.SendAsync(client, HttpMethod.Post, "/api/v1/auth/register", null, new { username = name, email = $"{name}@example.com", password = Api.Password });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.That(response.Headers.RetryAfter, Is.Not.Null);
                Assert.That((await Api.BodyAsync(response))["error"]!["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
            }
        }

        Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(HttpStatusCode.Created, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4))));
    }

    [Test]
    public async Task A_session_revoked_on_one_node_is_refused_by_the_other_at_once()
    {
        var address = NewAddress();
        using var node1 = Cluster.ClientFrom(_cluster.Node(1), address);
        using var node2 = Cluster.ClientFrom(_cluster.Node(2), address);
        var name = NewUsername();
        var laptop = await Api.RegisterAsync(node1, name);
        var phone = await Api.LoginAsync(node2, name);
        using (var me = await Api.SendAsync(node2, HttpMethod.Get, "/api/v1/auth/me", phone.AccessToken))
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var sessions = await Api.SendAsync(node2, HttpMethod.Get, "/api/v1/auth/sessions", phone.AccessToken);
        var phoneSession = (await Api.DataAsync(sessions)).AsArray().Single(s => s!["current"]!.GetValue<bool>())!["id"]!.GetValue<string>();
        using (var revoke = await Api.SendAsync(node1, HttpMethod.Delete, $"/api/v1/auth/sessions/{phoneSession}", laptop.AccessToken))
        {
            Assert.That(revoke.IsSuccessStatusCode, Is.True, await revoke.Content.ReadAsStringAsync());
        }

        using var refused = await Api.SendAsync(node2, HttpMethod.Get, "/api/v1/auth/me", phone.AccessToken);
        using var refreshRefused = await Api.SendAsync(node2, HttpMethod.Post, "/api/v1/auth/refresh", null, new { refresh_token = phone.RefreshToken });
        using var laptopStill = await Api.SendAsync(node2, HttpMethod.Get, "/api/v1/auth/me", laptop.AccessToken);
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "node 2 heard node 1's revocation before its next request");
            Assert.That(refreshRefused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(laptopStill.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_node_killed_mid_job_leaves_the_job_to_the_other_node_and_its_users_go_offline()
    {
        using var client = BalancedClient();
        var owner = await Api.RegisterAsync(client, NewUsername());
        var listener = await Api.RegisterAsync(client, NewUsername());
        var room = await RoomWithAsync(client, owner, listener);
        var track = await Api.UploadTrackAsync(client, owner.AccessToken, _longWav, "Long take");
        var victim = await NodeRunningAsync(track);
        var survivor = 3 - victim;
        await using var ownerOnSurvivor = await InRoomsAsync(survivor, owner);
        var listenerOnVictim = await InRoomsAsync(victim, listener);
        await HearAsync(ownerOnSurvivor, "presence", p => IsPresence(p, listener.UserId, "online"), CrossNode);

        await _cluster.KillNodeAsync(victim);
        try
        {
            // Nobody tells the survivor: the dead node's presence keys lapse (Presence:ConnectionLifetime, 6 s here).
            await HearAsync(ownerOnSurvivor, "presence", p => IsPresence(p, listener.UserId, "offline"), TimeSpan.FromSeconds(60));
            Assert.That(await Api.ProcessedStatusAsync(client, owner.AccessToken, track, Processing), Is.EqualTo("ready"), _cluster.LogOf(survivor));
            Assert.Multiple(async () =>
            {
                Assert.That(await JobAsync<int>("attempts", track), Is.EqualTo(2), "the killed attempt counts: the node died holding it");
                Assert.That(Cluster.NodeNamed((await JobAsync<string>("claimed_by", track))!), Is.EqualTo(survivor));
                Assert.That(await OnlineCountAsync(survivor, room, owner), Is.EqualTo(1));
            });
        }
        finally
        {
            await listenerOnVictim.DisposeAsync();
            await _cluster.StartNodeAsync(victim);
        }
    }

    [Test]
    public async Task A_node_stopped_gracefully_hands_its_job_back_finishes_an_upload_in_flight_and_sends_hub_clients_elsewhere()
    {
        using var client = BalancedClient();
        var owner = await Api.RegisterAsync(client, NewUsername());
        var track = await Api.UploadTrackAsync(client, owner.AccessToken, _longWav, "Handed back");
        var stopping = await NodeRunningAsync(track);
        var other = 3 - stopping;
        using var direct = Cluster.ClientFrom(_cluster.Node(stopping), NewAddress());
        await using var listener = await SignalRTestClient.ConnectAsync(_cluster.Node(stopping), "/hubs/chat", owner.AccessToken);
        // An upload to the stopping node that has sent half its file and waits: in flight until the test opens the gate.
        var wav = await File.ReadAllBytesAsync(_shortWav);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new GatedStream(wav, wav.Length / 2, gate.Task);
        var upload = Api.UploadTrackAsync(direct, owner.AccessToken, body, "slow.wav", "Slow upload");
        await body.Paused;

        var stop = _cluster.StopNodeAsync(stopping);
        try
        {
            // While it drains: /ready is 503, its hub connections are closed, a new one is refused there with 503, and
            // nginx passes such a refusal on to the other node.
            Assert.That(await Eventually.TrueAsync(async () => (await direct.GetAsync("/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10)), Is.True);
            using var refused = await direct.GetAsync("/hubs/chat");
            var closed = await Task.WhenAny(listener.Closed, Task.Delay(TimeSpan.FromSeconds(3))) == listener.Closed;
            var rejoined = new List<(HttpClient From, SignalRTestClient Hub)>();
            for (var i = 0; i < 8; i++)
            {
                var from = Cluster.ClientFrom(_cluster.Url, NewAddress());
                rejoined.Add((from, await SignalRTestClient.ConnectAsync(_cluster.Url, "/hubs/chat", owner.AccessToken, invoker: from)));
            }

            // Kestrel stops accepting once the drain is over; the upload's request is still in flight.
            Assert.That(await Eventually.TrueAsync(async () => !await AcceptsConnectionsAsync(_cluster.Node(stopping)), TimeSpan.FromSeconds(20)), Is.True);
            Assert.That(upload.IsCompleted, Is.False);
            gate.SetResult();
            var uploaded = await upload;
            await stop;
            Assert.Multiple(() =>
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a draining node takes no new hub connection");
                Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
                Assert.That(closed, Is.True, "the node closes its hub connections when the stop begins, so clients reconnect");
            });
            foreach (var (from, hub) in rejoined)
            {
                await hub.DisposeAsync();
                from.Dispose();
            }

            // nginx logs a WebSocket when it closes; a request passed on from one node to the other names both upstreams.
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(_cluster.BalancerLog().Split('\n').Count(line => line.Contains("GET /hubs/chat", StringComparison.Ordinal)) >= 8)), Is.True);
            Assert.That(_cluster.BalancerLog().Split('\n').Any(line => line.Contains("GET /hubs/chat", StringComparison.Ordinal) && line.Contains(", 127.0.0.1:", StringComparison.Ordinal)),
                Is.True, "at least one of eight reconnections hashed to the stopping node and was passed on (its upstreams: two addresses)");

            Assert.That(await Api.ProcessedStatusAsync(client, owner.AccessToken, track, Processing), Is.EqualTo("ready"));
            Assert.That(await Api.ProcessedStatusAsync(client, owner.AccessToken, uploaded, Processing), Is.EqualTo("ready"));
            Assert.Multiple(async () =>
            {
                Assert.That(await JobAsync<int>("attempts", track), Is.EqualTo(1), "a job handed back on shutdown spends no attempt");
                Assert.That(Cluster.NodeNamed((await JobAsync<string>("claimed_by", track))!), Is.EqualTo(other));
            });
        }
        finally
        {
            await _cluster.StartNodeAsync(stopping);
        }
    }

    [Test]
    public async Task A_rolling_restart_of_both_nodes_fails_no_request()
    {
        using var client = BalancedClient();
        var user = await Api.RegisterAsync(client, NewUsername());
        var room = await Api.DataAsync(await Api.SendAsync(client, HttpMethod.Post, "/api/v1/chat/rooms", user.AccessToken, new { name = $"Through the restart {Guid.NewGuid().ToString("N")[..8]}" }));
        var roomId = room["id"]!.GetValue<Guid>();
        var pidsBefore = new[] { _cluster.PidOf(1), _cluster.PidOf(2) };
        var failures = new ConcurrentQueue<string>();
        var served = 0;
        using var stop = new CancellationTokenSource();

        async Task LoadAsync(int worker)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                // Reads and writes: nginx may retry a read on the other node, never a write, so writes show a cut connection.
                var write = n % 2 == 0;
                try
                {
                    using var response = write
                        ? await Api.SendAsync(client, HttpMethod.Post, $"/api/v1/chat/rooms/{roomId}/messages", user.AccessToken,
                            new { content = $"w{worker} #{n}", client_message_id = $"w{worker}-{n}" })
                        : await Api.SendAsync(client, HttpMethod.Get, "/api/v1/auth/me", user.AccessToken);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref served);
                    }
                    else
                    {
                        failures.Enqueue($"{(write ? "POST" : "GET")} {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    failures.Enqueue($"{(write ? "POST" : "GET")}: {ex.Message}");
                }
            }
        }

        var load = Enumerable.Range(0, 4).Select(LoadAsync).ToArray();
        await Task.Delay(1000);
        var servedBefore = served;
        await _cluster.RollingRestartAsync();
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(servedBefore, Is.GreaterThan(0));
            Assert.That(served, Is.GreaterThan(servedBefore * 2), "requests kept being served through the restart");
            Assert.That(new[] { _cluster.PidOf(1), _cluster.PidOf(2) }, Is.All.Not.Null);
            Assert.That(_cluster.PidOf(1), Is.Not.EqualTo(pidsBefore[0]), "node 1 restarted");
            Assert.That(_cluster.PidOf(2), Is.Not.EqualTo(pidsBefore[1]), "node 2 restarted");
        });
    }

    private HttpClient BalancedClient() => Cluster.ClientFrom(_cluster.Url, NewAddress());

    private static string NewAddress() => $"127.0.0.{Interlocked.Increment(ref _nextAddress)}";

    private static string NewUsername() => $"node_user_{Interlocked.Increment(ref _nextUser)}";

    private static bool IsPresence(System.Text.Json.Nodes.JsonNode? presence, Guid user, string status) =>
        presence!["user_id"]!.GetValue<Guid>() == user && presence["status"]!.GetValue<string>() == status;

    /// <summary>A member's chat connection to one node, once that node has joined it to its rooms (<see cref="SignalRTestClient.ServerReadyAsync"/>).</summary>
    private async Task<SignalRTestClient> InRoomsAsync(int node, Api.Account member) =>
        await (await SignalRTestClient.ConnectAsync(_cluster.Node(node), "/hubs/chat", member.AccessToken)).ServerReadyAsync();

    /// <summary>Waits for an event; when it never comes, the failure carries every node's log, which leaves with the run.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode?> HearAsync(SignalRTestClient client, string target, Func<System.Text.Json.Nodes.JsonNode?, bool> match, TimeSpan within)
    {
        try
        {
            return await client.WaitForEventAsync(target, match, within);
        }
        catch (TimeoutException missed)
        {
            var logs = Enumerable.Range(1, _cluster.Nodes).Select(n => $"--- node {n}: warnings ---\n{_cluster.WarningsOf(n)}\n--- node {n}: last lines ---\n{_cluster.LogOf(n)}");
            throw new TimeoutException($"{missed.Message}\n{string.Join('\n', logs)}", missed);
        }
    }

    private static async Task<Guid> RoomWithAsync(HttpClient client, Api.Account owner, Api.Account member)
    {
        var room = (await Api.DataAsync(await Api.SendAsync(client, HttpMethod.Post, "/api/v1/chat/rooms", owner.AccessToken, new { name = $"Across nodes {Guid.NewGuid().ToString("N")[..8]}" })))["id"]!.GetValue<Guid>();
        using var join = await Api.SendAsync(client, HttpMethod.Post, $"/api/v1/chat/rooms/{room}/join", member.AccessToken, new { });
        await Api.DataAsync(join);
        return room;
    }

    private async Task<long> OnlineCountAsync(int node, Guid room, Api.Account reader)
    {
        using var client = Cluster.ClientFrom(_cluster.Node(node), NewAddress());
        using var response = await Api.SendAsync(client, HttpMethod.Get, $"/api/v1/chat/rooms/{room}", reader.AccessToken);
        return (await Api.DataAsync(response))["online_count"]!.GetValue<long>();
    }

    /// <summary>The node (1 or 2) whose worker runs the track's processing job, once one has claimed it.</summary>
    private async Task<int> NodeRunningAsync(Guid track)
    {
        string? holder = null;
        Assert.That(await Eventually.TrueAsync(async () =>
            (holder = await _cluster.ScalarAsync<string>(
                "SELECT claimed_by FROM jobs WHERE kind = 'tracks.process' AND state = 'running' AND payload::text LIKE '%' || @track || '%'",
                ("track", track.ToString()))) is not null, TimeSpan.FromSeconds(60)), Is.True, "no node claimed the processing job");
        return Cluster.NodeNamed(holder!);
    }

    private Task<T?> JobAsync<T>(string column, Guid track) =>
        _cluster.ScalarAsync<T>($"SELECT {column} FROM jobs WHERE kind = 'tracks.process' AND payload::text LIKE '%' || @track || '%'", ("track", track.ToString()));

    private Task<long> JobsAsync(string aggregate, string[] tracks) =>
        _cluster.ScalarAsync<long>(
            $"SELECT {aggregate} FROM jobs WHERE kind = 'tracks.process' AND EXISTS (SELECT 1 FROM unnest(@tracks) t WHERE payload::text LIKE '%' || t || '%')",
            ("tracks", tracks));

    /// <summary>Whether a new TCP connection to the node is accepted (false once Kestrel has stopped listening).</summary>
    private static async Task<bool> AcceptsConnectionsAsync(Uri node)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(node.Host, node.Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
