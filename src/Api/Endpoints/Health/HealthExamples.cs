using Veza.Api.OpenApi;

namespace Veza.Api.Endpoints.Health;

public sealed class HealthExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new HealthDto("degraded", "1.0.0", 3600, new Dictionary<string, ComponentHealthDto>
        {
            ["database"] = new("healthy", 1.3, null),
            ["redis"] = new("degraded", 500.4, "Redis is unreachable; rate limits and revocations run on this node's fallbacks, and reads skip the cache."),
            ["storage"] = new("healthy", 0.4, null),
        }, ["redis"]))
        .Add(new ReadinessDto(true, ["redis"]));
}
