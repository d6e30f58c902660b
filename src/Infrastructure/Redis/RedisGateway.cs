using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace Veza.Infrastructure.Redis;

/// <summary>
/// The node's one Redis connection (StackExchange.Redis 2.8) behind a Polly pipeline (timeout +
/// circuit breaker), and the node's view of whether Redis is usable. Adapters call
/// <see cref="ExecuteAsync{T}"/> and fall back when it throws; the transition is logged once.
/// </summary>
public sealed partial class RedisGateway : IDisposable
{
    private readonly ILogger<RedisGateway> _logger;
    private readonly ConfigurationOptions _configuration;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;
    private int _degraded;

    public RedisGateway(IOptions<RedisOptions> options, ILogger<RedisGateway> logger)
    {
        _logger = logger;
        KeyPrefix = options.Value.KeyPrefix;
        _configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        // Keep serving when Redis is down at start-up, and give up on a connection attempt after 1 s, not 5 s.
        _configuration.AbortOnConnectFail = false;
        _configuration.ConnectTimeout = 1000;
        _configuration.ConnectRetry = 1;
        // A command made while the link is down fails at once (the adapters fall back) instead of queueing until it times out.
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(2),
            })
            .AddTimeout(options.Value.OperationTimeout)
            .Build();
    }

    public string KeyPrefix { get; }

    /// <summary>True while the last Redis call failed and adapters run on their fallbacks.</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) == 1;

    /// <summary>Raised when Redis becomes usable again after a failure (for re-synchronising state).</summary>
    public event Func<Task>? Recovered;

    public async Task<T> ExecuteAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(
                async token =>
                {
                    var database = await DatabaseAsync(token);
                    if (!database.Multiplexer.IsConnected)
                    {
                        throw new InvalidOperationException("Redis is not connected.");
                    }

                    return await operation(database).WaitAsync(token);
                },
                cancellationToken);
            MarkHealthy();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MarkDegraded(ex);
            throw new RedisUnavailableException(ex);
        }
    }

    /// <summary>
    /// Subscribes to a pub/sub channel (through the pipeline, so a failure marks the node degraded). The
    /// handler is called for one message at a time, in the order Redis delivered them, and awaited before
    /// the next (through the client's ordered queue: its plain handlers run concurrently).
    /// The multiplexer subscribes again by itself after a lost connection comes back. The caller owns the
    /// channel: a failed attempt drops every subscription to it.
    /// </summary>
    public async Task<RedisSubscription> SubscribeAsync(RedisChannel channel, Func<RedisValue, Task> handler, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(async db =>
            {
                var queue = await db.Multiplexer.GetSubscriber().SubscribeAsync(channel);
                queue.OnMessage(message => handler(message.Message));
                return new RedisSubscription(queue);
            }, cancellationToken);
        }
        catch
        {
            // The client registers a subscription before Redis answers SUBSCRIBE, and keeps it (subscribing it
            // again by itself later) when the answer fails or comes after the timeout: without this, each retry
            // would add one more reader of every message, or a queue nobody reads.
            DropSubscriptionsLocally(channel);
            throw;
        }
    }

    /// <summary>Drops this node's subscription to a channel (every handler of it), so that subscribing again sends SUBSCRIBE afresh.</summary>
    public Task UnsubscribeAsync(RedisChannel channel, CancellationToken cancellationToken) =>
        ExecuteAsync(async db =>
        {
            await db.Multiplexer.GetSubscriber().UnsubscribeAsync(channel);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A round trip over the subscription connection, outside the pipeline (a slow answer says the node is
    /// busy, not that Redis is away). Redis answers it after every message it sent that connection before,
    /// so once it is answered they are all in their subscriptions' queues.
    /// </summary>
    /// <returns>False when no answer came within the timeout.</returns>
    public async Task<bool> PingSubscriptionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_multiplexer is not { } multiplexer)
        {
            return false;
        }

        try
        {
            await multiplexer.GetSubscriber().PingAsync().WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _multiplexer?.Dispose();
        _connectLock.Dispose();
    }

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        if (_multiplexer is { } existing)
        {
            return existing.GetDatabase();
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            _multiplexer ??= await ConnectionMultiplexer.ConnectAsync(_configuration);
            return _multiplexer.GetDatabase();
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void DropSubscriptionsLocally(RedisChannel channel)
    {
        try
        {
            // The client forgets the subscription at once; the UNSUBSCRIBE it sends may fail with the link.
            _ = _multiplexer?.GetSubscriber().UnsubscribeAsync(channel, null, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
        }
    }

    private void MarkHealthy()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            LogRecovered(_logger);
            if (Recovered is { } recovered)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await recovered();
                    }
                    catch (Exception ex)
                    {
                        LogResyncFailed(_logger, ex);
                    }
                });
            }
        }
    }

    private void MarkDegraded(Exception ex)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            LogDegraded(_logger, ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Redis unavailable ({Error}: {Message}); falling back to this node's in-memory state")]
    private static partial void LogDegraded(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Redis available again; shared state resumed")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Re-synchronising Redis after recovery failed")]
    private static partial void LogResyncFailed(ILogger logger, Exception ex);
}

public sealed class RedisUnavailableException(Exception inner) : Exception("Redis is unavailable.", inner);

/// <summary>One subscription's queue, read in order by its handler.</summary>
public sealed class RedisSubscription(ChannelMessageQueue queue)
{
    /// <summary>Messages received and not yet handled.</summary>
    public int Pending => queue.TryGetCount(out var count) ? count : 0;
}
