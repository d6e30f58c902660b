using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Messaging;

/// <summary>
/// NATS adapter (NATS.Client 0.8.0). A publish counts only once the server has it: the connection must
/// be up and a flush must succeed, otherwise it throws and the outbox relay retries later; a message over
/// the server's max_payload throws <see cref="UndeliverableMessageException"/> (a dead letter). Handlers
/// run off the client's delivery thread (a queue per subscription keeps their order).
/// </summary>
public sealed partial class NatsEventBus(IOptions<NatsOptions> options, ILogger<NatsEventBus> logger) : IEventBus, IDisposable
{
    private readonly Lock _gate = new();
    private readonly NatsOptions _options = options.Value;
    // Publishing gets its own connection, dropped after any failure: the old client's reconnect can leave a
    // connection that reports CONNECTED yet fails every flush. Subscriptions keep theirs and rely on reconnect.
    private IConnection? _publisher;
    private IConnection? _subscriber;

    public Task PublishAsync(IntegrationMessage message, CancellationToken cancellationToken)
    {
        var data = IntegrationMessageCodec.Encode(message);
        var subject = SubjectFor(message.EventType);
        // The client's publish and flush block; keep them off the caller's thread.
        return Task.Run(
            () =>
            {
                try
                {
                    var connection = Connection(ref _publisher);
                    if (connection.State != ConnState.CONNECTED)
                    {
                        throw new NatsUnavailableException($"NATS is not connected (state {connection.State}).");
                    }

                    connection.Publish(subject, data);
                    connection.Flush(_options.PublishTimeoutMs);
                }
                catch (NATSMaxPayloadException tooLarge)
                {
                    // The connection is fine: only this message can never go.
                    throw new UndeliverableMessageException($"{data.Length} bytes is more than the NATS server's max_payload ({tooLarge.Message}).", tooLarge);
                }
                catch
                {
                    Drop(ref _publisher);
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>Connects if needed; throws a <see cref="NATSException"/> when the server cannot be reached.</summary>
    public Task EnsureConnectedAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            if (Connection(ref _publisher).State != ConnState.CONNECTED)
            {
                throw new NatsUnavailableException("NATS is not connected.");
            }
        },
        cancellationToken);

    public IDisposable Subscribe(string eventType, Func<IntegrationMessage, CancellationToken, Task> handler)
    {
        var queue = new SubscriberQueue(handler, logger);
        var connection = Connection(ref _subscriber);
        EventHandler<MsgHandlerEventArgs> deliver = (_, args) =>
        {
            try
            {
                queue.TryWrite(IntegrationMessageCodec.Decode(args.Message.Data));
            }
            catch (System.Text.Json.JsonException ex)
            {
                LogUndecodable(logger, args.Message.Subject, ex.Message);
            }
        };
        IAsyncSubscription? subscription = null;
        try
        {
            subscription = connection.SubscribeAsync(SubjectFor(eventType), deliver);
            // Once Subscribe returns the server must know the interest, or an immediate publish is lost.
            connection.Flush(_options.PublishTimeoutMs);
            return new Subscription(subscription, queue);
        }
        catch
        {
            // A failed confirmation leaves no half-made subscription delivering into a disposed queue.
            DropQuietly(subscription);
            queue.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Drop(ref _publisher);
        Drop(ref _subscriber);
    }

    private string SubjectFor(string eventType) => $"{_options.SubjectPrefix}.{eventType}";

    private static void DropQuietly(IAsyncSubscription? subscription)
    {
        try
        {
            subscription?.Unsubscribe();
        }
        catch (Exception ex) when (ex is NATSException or IOException or ObjectDisposedException)
        {
            // The connection is the problem; the client forgets the subscription with it.
        }
        finally
        {
            subscription?.Dispose();
        }
    }

    private void Drop(ref IConnection? connection)
    {
        lock (_gate)
        {
            try
            {
                connection?.Close();
                connection?.Dispose();
            }
            catch (Exception ex) when (ex is NATSException or IOException or ObjectDisposedException)
            {
                // Closing a broken connection may fail; it is being thrown away either way.
            }

            connection = null;
        }
    }

    private IConnection Connection(ref IConnection? connection)
    {
        lock (_gate)
        {
            if (connection is { } open && !open.IsClosed())
            {
                return open;
            }

            connection?.Dispose();
            var opts = ConnectionFactory.GetDefaultOptions();
            opts.Url = _options.Url;
            opts.Name = "veza-api";
            opts.AllowReconnect = true;
            opts.MaxReconnect = int.MaxValue;
            opts.ReconnectWait = 250;
            opts.Timeout = 3000;
            opts.DisconnectedEventHandler += (_, _) => LogDisconnected(logger);
            opts.ReconnectedEventHandler += (_, _) => LogReconnected(logger);
            connection = new ConnectionFactory().CreateConnection(opts);
            return connection;
        }
    }

    private sealed class Subscription(IAsyncSubscription subscription, SubscriberQueue queue) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                subscription.Unsubscribe();
            }
            catch (Exception ex) when (ex is NATSException or IOException)
            {
                // The server is gone; so is the subscription.
            }

            queue.Dispose();
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "NATS connection lost; reconnecting")]
    private static partial void LogDisconnected(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "NATS connection restored")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Undecodable message on {Subject}: {Error}")]
    private static partial void LogUndecodable(ILogger logger, string subject, string error);
}

public sealed class NatsUnavailableException(string message) : Exception(message);
