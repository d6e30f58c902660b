using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Veza.Api.Hubs;

/// <summary>
/// The JSON protocol, except that a refused call's error is the refusal alone. SignalR prefixes a
/// HubException's message with "An unexpected error occurred invoking 'X' on the server. HubException: ";
/// the contract says the message starts with its code (<c>FORBIDDEN: ...</c>), so clients can switch on it.
/// </summary>
public sealed class CodedErrorsHubProtocol(IHubProtocol inner) : IHubProtocol
{
    private const string Marker = "HubException: ";

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(Coded(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Coded(message));

    private static HubMessage Coded(HubMessage message) =>
        message is CompletionMessage { Error: { } error } completion && error.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0
            ? CompletionMessage.WithError(completion.InvocationId!, error[(at + Marker.Length)..])
            : message;
}
