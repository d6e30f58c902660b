using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// One room of 100 connected clients (issue 11). Phase 1: senders at full speed, messages delivered per
/// second (every client's receipts) and p99 send-to-receive latency, through the real hub (stored,
/// ordered, broadcast) and through a bare hub in the same process that broadcasts without storing (the
/// framework's ceiling here). Phase 2: 1,000 messages/s offered to the real hub, p99 latency.
/// </summary>
public static class ChatBenchmark
{
    private const string Password = "violet-tape-deck-42";
    private const string BarePath = "/bench/bare-hub";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var clients = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 100;
        var senders = args.Length > 2 && int.TryParse(args[2], out var n) ? n : 10;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new ChatBenchmarkFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        using var http = factory.CreateClient();

        Console.WriteLine($"# {clients} clients in one room, {senders} of them sending; {seconds} s per phase after a 3 s warm-up; same process, same machine");
        var tokens = new string[clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { username = $"bench_{i:D3}", email = $"bench{i}@example.com", password = Password }, ct);
            var body = await register.Content.ReadAsStringAsync(ct);
            tokens[i] = JsonNode.Parse(body)!["data"]?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException($"Registration failed: {body}");
        });
        var room = await CreateRoomAsync(http, tokens);

        var bare = await RunPhaseAsync(http.BaseAddress!, BarePath, null, tokens, senders, null, seconds);
        Report("bare hub (ceiling)", bare);
        var real = await RunPhaseAsync(http.BaseAddress!, "/hubs/chat", room, tokens, senders, null, seconds);
        Report("real hub (stored)", real);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio delivered/s real/ceiling: {real.DeliveredPerSecond / bare.DeliveredPerSecond:0.00} (goal >= 0.30)"));
        var paced = await RunPhaseAsync(http.BaseAddress!, "/hubs/chat", room, tokens, senders, 1000, seconds);
        Report("real hub at 1,000 msg/s offered", paced);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p99 at 1,000 msg/s offered: {paced.P99Ms:0.0} ms (goal < 100 ms); sent {paced.SentPerSecond:0}/s"));
        return 0;
    }

    private static async Task<Guid> CreateRoomAsync(HttpClient http, string[] tokens)
    {
        Guid room;
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/rooms") { Content = JsonContent.Create(new { name = "Bench room" }) })
        {
            create.Headers.Authorization = new("Bearer", tokens[0]);
            using var response = await http.SendAsync(create);
            room = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["id"]!.GetValue<Guid>();
        }

        foreach (var token in tokens.Skip(1))
        {
            using var join = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chat/rooms/{room}/join") { Content = JsonContent.Create(new { }) };
            join.Headers.Authorization = new("Bearer", token);
            (await http.SendAsync(join)).EnsureSuccessStatusCode();
        }

        return room;
    }

    /// <param name="offeredPerSecond">Null: each sender sends its next message when the last is answered; else paced, open loop.</param>
    private static async Task<PhaseResult> RunPhaseAsync(Uri baseAddress, string path, Guid? room, string[] tokens, int senders, int? offeredPerSecond, int seconds)
    {
        var measuring = 0;
        long delivered = 0;
        var latencies = new ConcurrentBag<double>();
        var connections = new SignalRTestClient[tokens.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, tokens.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            connections[i] = await SignalRTestClient.ConnectAsync(baseAddress, path, tokens[i], (target, message) =>
            {
                if (target != "message" || Volatile.Read(ref measuring) == 0)
                {
                    return;
                }

                Interlocked.Increment(ref delivered);
                var sentAt = long.Parse(message!["content"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
            }, keepEvents: false));
        try
        {
            long sent = 0;
            async Task SendAsync(int sender, CancellationToken stop)
            {
                var interval = offeredPerSecond is { } rate ? TimeSpan.FromSeconds((double)senders / rate) : TimeSpan.Zero;
                var start = Stopwatch.GetTimestamp();
                var pending = new List<Task>();
                for (var k = 0L; !stop.IsCancellationRequested; k++)
                {
                    var message = new { room_id = room ?? Guid.Empty, content = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture), client_message_id = $"{sender}-{Guid.NewGuid():N}" };
                    var call = connections[sender].InvokeAsync("SendMessage", message, TimeSpan.FromSeconds(60));
                    Interlocked.Increment(ref sent);
                    if (offeredPerSecond is null)
                    {
                        await call;
                        continue;
                    }

                    pending.Add(call);
                    var due = interval * (k + 1) - Stopwatch.GetElapsedTime(start);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, CancellationToken.None);
                    }
                }

                await Task.WhenAll(pending);
            }

            using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
            {
                await Task.WhenAll(Enumerable.Range(0, senders).Select(i => SendAsync(i, warmUp.Token)));
            }

            await Task.Delay(500);
            Interlocked.Exchange(ref sent, 0);
            Volatile.Write(ref measuring, 1);
            var watch = Stopwatch.StartNew();
            using (var run = new CancellationTokenSource(TimeSpan.FromSeconds(seconds)))
            {
                await Task.WhenAll(Enumerable.Range(0, senders).Select(i => SendAsync(i, run.Token)));
            }

            var elapsed = watch.Elapsed.TotalSeconds;
            var expected = Interlocked.Read(ref sent) * tokens.Length;
            // What was sent is delivered to every client: wait (bounded) for the tail, count time until then.
            var tail = Stopwatch.StartNew();
            while (Interlocked.Read(ref delivered) < expected && tail.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            elapsed += tail.Elapsed.TotalSeconds;
            Volatile.Write(ref measuring, 0);
            var sorted = latencies.Order().ToArray();
            return new PhaseResult(
                Interlocked.Read(ref delivered) / elapsed, Interlocked.Read(ref sent) / watch.Elapsed.TotalSeconds,
                sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.99) - 1)],
                sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2], Interlocked.Read(ref delivered), expected);
        }
        finally
        {
            foreach (var connection in connections.Where(x => x is not null))
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static void Report(string name, PhaseResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} {result.DeliveredPerSecond,9:0} delivered/s   {result.SentPerSecond,6:0} sent/s   p50 {result.P50Ms,7:0.0} ms   p99 {result.P99Ms,7:0.0} ms   delivered {result.Delivered}/{result.Expected}"));

    private sealed record PhaseResult(double DeliveredPerSecond, double SentPerSecond, double P99Ms, double P50Ms, long Delivered, long Expected);

    /// <summary>The API plus the bare hub: same host, same SignalR options and protocol, no authentication, no storage.</summary>
    private sealed class ChatBenchmarkFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            BenchmarkFactory.Configure(builder, connectionString);
            builder.UseSetting("RateLimiting:Policies:register:PermitLimit", "100000");
            builder.UseSetting("Chat:SendBurst", "10000");
            builder.UseSetting("Chat:SendPerMinute", "100000");
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, BareHubFilter>());
        }
    }

    private sealed class BareHubFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseEndpoints(endpoints => endpoints.MapHub<BareHub>(BarePath));
        };
    }
}

/// <summary>Broadcasts what it is sent to every connection, answering with it: SignalR's own cost, nothing stored.</summary>
public sealed class BareHub : Hub
{
    public override Task OnConnectedAsync() => Groups.AddToGroupAsync(Context.ConnectionId, "room");

    public async Task<BareMessage> SendMessage(BareMessage message)
    {
        await Clients.Group("room").SendAsync("message", message);
        return message;
    }
}

public sealed record BareMessage(Guid RoomId, string Content, string ClientMessageId);
