using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Veza.Application.Auth.EventHandlers;
using Veza.Infrastructure.Redis;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// Relays what other nodes publish on the realtime channel to this node's connections, one message at a
/// time in the order Redis delivered them (a room's messages keep their order). Subscribes as soon as
/// Redis answers, retrying while it does not; after that the client re-subscribes by itself.
/// </summary>
public sealed partial class RedisRealtimeRelay(
    RedisGateway redis, InProcessRealtimeNotifier local, NodeIdentity node, ILogger<RedisRealtimeRelay> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Channel<RedisValue> _received = Channel.CreateUnbounded<RedisValue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node listens to the channel (what a node publishes before then, it only delivers itself).</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SubscribeAsync(stoppingToken);
        await foreach (var message in _received.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RelayAsync(message, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(logger, ex);
            }
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.SubscribeAsync(RedisRealtimeNotifier.Channel(redis), message => _received.Writer.TryWrite(message), stoppingToken);
                _subscribed.TrySetResult();
                return;
            }
            catch (RedisUnavailableException)
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private Task RelayAsync(RedisValue message, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Deserialize<RealtimeEnvelope>((string)message!, RealtimeJson.Options);
        if (envelope is null || envelope.Origin == node.Id)
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

    [LoggerMessage(EventId = 3601, Level = LogLevel.Warning, Message = "A realtime event from another node could not be relayed")]
    private static partial void LogRelayFailed(ILogger logger, Exception ex);
}
