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
            // Both forms: OpenAPI 3.0 documents carry the single `example` (Microsoft.OpenApi 2.7 writes only that
            // there), 3.1 ones the `examples` list.
            var node = JsonSerializer.SerializeToNode(example, context.Type, _json)!;
            concrete.Example = node;
            concrete.Examples = [node.DeepClone()];
        }
    }
}
