using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Veza.Api.OpenApi;

/// <summary>Gives each request and response schema a realistic example, serialized exactly as the API writes it.</summary>
public sealed class ExampleSchemaFilter : ISchemaFilter
{
    private readonly JsonSerializerOptions _json;
    private readonly ExampleTable _examples = new();

    public ExampleSchemaFilter(IOptions<JsonOptions> json, IEnumerable<IOpenApiExamples> features)
    {
        _json = json.Value.SerializerOptions;
        foreach (var feature in features)
        {
            feature.AddTo(_examples);
        }
    }

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && _examples.TryGet(context.Type, out var example))
        {
            concrete.Examples = [JsonSerializer.SerializeToNode(example, context.Type, _json)!];
        }
    }
}
