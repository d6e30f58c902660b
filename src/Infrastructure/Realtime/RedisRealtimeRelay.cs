using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Veza.Application.Auth.EventHandlers;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// Relays what other nodes publish on the realtime channel to this node's connections, one message at a
/// time in the order Redis delivered them (a room's messages keep their order). Subscribes as soon as
/// Redis answers, retrying while it does not; after that the client re-subscribes by itself after a lost
/// connection. A subscription lost some other way would silently cut this node's users off from everyone
/// else's events (StackExchange.Redis 1.x did that; decision 0044), so every
/// Redis:SubscriptionCheckInterval the relay publishes a probe and waits for it to come back through its
/// own subscription. A probe that is late is told apart from one that is lost (decision 0045) before the
/// relay subscribes again, since subscribing again drops what the old subscription has not read yet.
/// </summary>
public sealed partial class RedisRealtimeRelay(
    RedisGateway redis, InProcessRealtimeNotifier local, NodeIdentity node, IOptions<RedisOptions> options, ILogger<RedisRealtimeRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _checkInterval = options.Value.SubscriptionCheckInterval;
    // A probe comes back in milliseconds; a busy node gets seconds before it is asked why not.
    private readonly TimeSpan _probeTimeout = options.Value.SubscriptionCheckInterval < TimeSpan.FromSeconds(5) ? options.Value.SubscriptionCheckInterval : TimeSpan.FromSeconds(5);
    private Probe? _probe;
    private RedisSubscription? _subscription;
    private volatile bool _hearing;
    private CancellationToken _stopping;

    /// <summary>Completes once this node is known to hear the channel: its first probe came back (what a node publishes before then, it only delivers itself).</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Whether the last check heard its probe: this node's clients hear the other nodes' events.</summary>
    public bool Hearing => _hearing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await SubscribeAsync(stoppingToken);
            await CheckSubscriptionAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _subscription = await redis.SubscribeAsync(RedisRealtimeNotifier.Channel(redis), ReceivedAsync, stoppingToken);
                return;
            }
            catch (RedisUnavailableException)
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task CheckSubscriptionAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_checkInterval);
        while (true)
        {
            switch (await ProbeAsync(stoppingToken))
            {
                case ProbeOutcome.Heard:
                    _hearing = true;
                    _subscribed.TrySetResult();
                    if (!await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        return;
                    }

                    break;
                case ProbeOutcome.Lost:
                    _hearing = false;
                    LogSubscriptionLost(logger);
                    await ResubscribeAsync(stoppingToken);
                    // Checked again at once, not a whole interval later.
                    break;
                case ProbeOutcome.Late:
                    // Busy, or the subscription's link is being made again by the client: neither needs a new
                    // subscription, and whether the node hears is unchanged until a probe says otherwise.
                    await Task.Delay(RetryDelay, stoppingToken);
                    break;
                case ProbeOutcome.Unreachable:
                    _hearing = false;
                    // The client subscribes again once Redis is back. Checking soon lets the node say it hears again within seconds.
                    await Task.Delay(RetryDelay, stoppingToken);
                    break;
            }
        }
    }

    private async Task<ProbeOutcome> ProbeAsync(CancellationToken stoppingToken)
    {
        var probe = new Probe(Guid.NewGuid().ToString("N"));
        Volatile.Write(ref _probe, probe);
        var message = JsonSerializer.Serialize(
            new RealtimeEnvelope(node.Id, null, null, ProbeType, JsonSerializer.SerializeToElement(probe.Nonce, RealtimeJson.Options)), RealtimeJson.Options);
        try
        {
            await redis.ExecuteAsync(db => db.PublishAsync(RedisRealtimeNotifier.Channel(redis), message), stoppingToken);
        }
        catch (RedisUnavailableException)
        {
            return ProbeOutcome.Unreachable;
        }

        if (await HeardAsync(probe, stoppingToken))
        {
            return ProbeOutcome.Heard;
        }

        // Redis sent the probe before it answers a ping on the same connection: no answer means the link is
        // slow or down (the client mends that itself); after an answer the probe is in the subscription's
        // queue, unless the subscription is gone, and while the queue still holds messages it is only late.
        if (!await redis.PingSubscriptionAsync(_probeTimeout, stoppingToken))
        {
            return ProbeOutcome.Late;
        }

        while (!await HeardAsync(probe, stoppingToken))
        {
            if (_subscription is not { Pending: > 0 })
            {
                return probe.Echo.Task.IsCompleted ? ProbeOutcome.Heard : ProbeOutcome.Lost;
            }
        }

        return ProbeOutcome.Heard;
    }

    private async Task<bool> HeardAsync(Probe probe, CancellationToken stoppingToken)
    {
        try
        {
            await probe.Echo.Task.WaitAsync(_probeTimeout, stoppingToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task ResubscribeAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The client believes it is subscribed and would not send SUBSCRIBE again: drop the subscription first.
            await redis.UnsubscribeAsync(RedisRealtimeNotifier.Channel(redis), stoppingToken);
        }
        catch (RedisUnavailableException)
        {
        }

        await SubscribeAsync(stoppingToken);
    }

    /// <summary>
    /// Called by the subscription's ordered queue for one message at a time, awaited before the next: what
    /// is not relayed yet waits in that queue (which the probe's check reads), not in a second one here.
    /// </summary>
    private async Task ReceivedAsync(RedisValue message)
    {
        if (Volatile.Read(ref _probe) is { } probe && ((string?)message)?.Contains(probe.Nonce, StringComparison.Ordinal) == true)
        {
            probe.Echo.TrySetResult();
            return;
        }

        try
        {
            await RelayAsync(message, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRelayFailed(logger, ex);
        }
    }

    /// <summary>The type of the relay's own check message, which no other node relays.</summary>
    internal const string ProbeType = "relay.probe";

    private enum ProbeOutcome
    {
        Heard,
        Lost,
        Late,
        Unreachable,
    }

    private sealed record Probe(string Nonce)
    {
        public TaskCompletionSource Echo { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private Task RelayAsync(RedisValue message, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Deserialize<RealtimeEnvelope>((string)message!, RealtimeJson.Options);
        if (envelope is null || envelope.Origin == node.Id || envelope.Type == ProbeType)
        {
            return Task.CompletedTask;
        }

        // The close signal is acted on by the hub adapter, which needs it typed; events go out as written.
        object payload = envelope.Type == EndRevokedSessionsLiveConnections.Signal
            ? envelope.Payload.Deserialize<SessionRevokedSignal>(RealtimeJson.Options)!
            : envelope.Payload;
        return envelope switch
        {
            { RoomId: { } roomId } => local.NotifyRoomAsync(roomId, envelope.Type, payload, cancellationToken),
            { StationId: { } stationId } => local.NotifyStationAsync(stationId, envelope.Type, payload, cancellationToken),
            _ => local.NotifyUserAsync(envelope.UserId ?? Guid.Empty, envelope.Type, payload, cancellationToken),
        };
    }

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "The realtime subscription lost its own probe (Redis answered a ping sent after it, and nothing was left to read): subscribing again (events from other nodes may have been missed)")]
    private static partial void LogSubscriptionLost(ILogger logger);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Warning, Message = "A realtime event from another node could not be relayed")]
    private static partial void LogRelayFailed(ILogger logger, Exception ex);
}
