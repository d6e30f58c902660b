using System.Text.Json;

namespace Veza.Infrastructure.Messaging;

/// <summary>The one JSON shape of stored and published payloads (outbox events, jobs): snake_case, like the API.</summary>
public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object Deserialize(string json, Type type) =>
        JsonSerializer.Deserialize(json, type, Options) ?? throw new JsonException($"The payload of a {type.Name} is null.");
}
