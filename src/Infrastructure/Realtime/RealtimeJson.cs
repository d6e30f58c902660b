using System.Text.Json;

namespace Veza.Infrastructure.Realtime;

/// <summary>
/// How realtime payloads are written: snake_case, as the REST API. One definition for the hub's JSON
/// protocol and for the Redis fan-out, so an event relayed from another node reads exactly as one sent here.
/// </summary>
public static class RealtimeJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        return options;
    }
}
