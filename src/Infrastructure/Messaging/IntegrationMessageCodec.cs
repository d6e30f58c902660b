using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Messaging;

/// <summary>Wire form of an integration message on a broker: a JSON envelope with the event as raw JSON.</summary>
public static class IntegrationMessageCodec
{
    public static byte[] Encode(IntegrationMessage message)
    {
        var envelope = new JsonObject
        {
            ["id"] = message.Id,
            ["event_type"] = message.EventType,
            ["occurred_at"] = message.OccurredAt,
            ["payload"] = JsonNode.Parse(message.Payload),
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    public static IntegrationMessage Decode(byte[] data)
    {
        var envelope = JsonNode.Parse(data) ?? throw new JsonException("Empty message.");
        return new IntegrationMessage(
            envelope["id"]!.GetValue<Guid>(),
            envelope["event_type"]!.GetValue<string>(),
            envelope["payload"]!.ToJsonString(),
            envelope["occurred_at"]!.GetValue<DateTimeOffset>());
    }
}
