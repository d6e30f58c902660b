using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Veza.TestKit;

namespace Veza.Testing;

/// <summary>
/// A SignalR client speaking the JSON protocol over a WebSocket (the .NET client package is not available
/// here): handshake, invocations answered by their completion, and the server's events kept in order.
/// Connects straight to the WebSocket (no negotiate), with the token in access_token as browsers send it.
/// </summary>
public sealed class SignalRTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly List<(string Target, JsonNode? Argument)> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<string, JsonNode?>? _onEvent;
    private bool _keepEvents = true;
    private Task? _receiving;
    private int _nextId;

    /// <summary>Why the server closed the connection, when it did ("close" message's error).</summary>
    public string? CloseError { get; private set; }

    /// <summary>Completes when the server closes the connection (its close message, or the socket closing).</summary>
    public Task Closed => _closed.Task;

    /// <param name="onEvent">Sees every event as it arrives, on the receive loop (for load tests and benchmarks that count and time them).</param>
    /// <param name="keepEvents">False for many clients hearing many events: only <paramref name="onEvent"/> sees them.</param>
    /// <param name="invoker">Opens the connection (one whose sockets leave from an address of the test's choosing); the default one otherwise.</param>
    public static async Task<SignalRTestClient> ConnectAsync(
        Uri httpBase, string path, string? accessToken, Action<string, JsonNode?>? onEvent = null, bool keepEvents = true, HttpMessageInvoker? invoker = null)
    {
        var client = new SignalRTestClient { _onEvent = onEvent, _keepEvents = keepEvents };
        var uri = new UriBuilder(httpBase) { Scheme = httpBase.Scheme == "https" ? "wss" : "ws", Path = path, Query = accessToken is null ? "" : $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        if (invoker is null)
        {
            await client._socket.ConnectAsync(uri, CancellationToken.None);
        }
        else
        {
            await client._socket.ConnectAsync(uri, invoker, CancellationToken.None);
        }

        await client.SendRawAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.ReceiveRecordsAsync(CancellationToken.None);
        if (handshake.Count == 0 || JsonNode.Parse(handshake[0])!["error"] is { } error)
        {
            throw new InvalidOperationException($"SignalR handshake refused: {handshake.FirstOrDefault()}");
        }

        client._receiving = client.ReceiveLoopAsync();
        return client;
    }

    /// <summary>Invokes a hub method with one argument; the completion's result, or a <see cref="HubCallFailedException"/> with the server's message.</summary>
    public async Task<JsonNode?> InvokeAsync(string method, object argument, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendRawAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments = new[] { argument } }, Json)
            .Replace("\"invocation_id\"", "\"invocationId\"", StringComparison.Ordinal));
        var message = await completion.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
        return message["error"] is { } error ? throw new HubCallFailedException(error.GetValue<string>()) : message["result"];
    }

    /// <summary>
    /// Returns once the server has run the hub's OnConnectedAsync for this connection (its groups joined).
    /// SignalR answers the handshake before that and dispatches invocations only after it, so the answer to
    /// one, even the refusal of a method no hub has, marks the moment; an event sent to the connection's
    /// groups before then can miss it.
    /// </summary>
    public async Task<SignalRTestClient> ServerReadyAsync()
    {
        try
        {
            await InvokeAsync("__server_ready", new { });
        }
        catch (HubCallFailedException)
        {
            // The expected answer: no such method.
        }

        return this;
    }

    /// <summary>The events received so far with this name, in order.</summary>
    public IReadOnlyList<JsonNode?> Events(string target)
    {
        lock (_events)
        {
            return _events.Where(e => e.Target == target).Select(e => e.Argument).ToList();
        }
    }

    /// <summary>Waits until an event with this name satisfying <paramref name="match"/> has arrived.</summary>
    public async Task<JsonNode?> WaitForEventAsync(string target, Func<JsonNode?, bool>? match = null, TimeSpan? within = null)
    {
        JsonNode? found = null;
        var arrived = await Eventually.TrueAsync(() =>
        {
            found = Events(target).FirstOrDefault(e => match?.Invoke(e) ?? true);
            return Task.FromResult(found is not null);
        }, within ?? TimeSpan.FromSeconds(10));
        return arrived ? found : throw new TimeoutException($"No '{target}' event arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        if (_receiving is not null)
        {
            await _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                foreach (var record in await ReceiveRecordsAsync(_stop.Token))
                {
                    var message = JsonNode.Parse(record)!.AsObject();
                    switch (message["type"]!.GetValue<int>())
                    {
                        case 1:
                            var target = message["target"]!.GetValue<string>();
                            var argument = message["arguments"]!.AsArray().FirstOrDefault()?.DeepClone();
                            _onEvent?.Invoke(target, argument);
                            if (_keepEvents)
                            {
                                lock (_events)
                                {
                                    _events.Add((target, argument));
                                }
                            }

                            break;
                        case 3 when _pending.TryRemove(message["invocationId"]!.GetValue<string>(), out var completion):
                            completion.TrySetResult(message);
                            break;
                        case 7:
                            CloseError = message["error"]?.GetValue<string>() ?? "closed";
                            return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _closed.TrySetResult();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The connection closed."));
            }
        }
    }

    private async Task<List<string>> ReceiveRecordsAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        do
        {
            var result = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                CloseError ??= "closed";
                return [];
            }

            text.Append(Encoding.UTF8.GetString(_buffer, 0, result.Count));
        }
        while (text.Length == 0 || text[^1] != RecordSeparator);

        return text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    // A WebSocket takes one send at a time; invocations may overlap.
    private async Task SendRawAsync(string json)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }
}

public sealed class HubCallFailedException(string message) : Exception(message);
