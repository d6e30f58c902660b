using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Veza.Api.Http;

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
        if (schema is OpenApiSchema concrete && TryExample(context.Type, out var example))
        {
            // Both forms: OpenAPI 3.0 documents carry the single `example` (Microsoft.OpenApi 2.7 writes only that
            // there), 3.1 ones the `examples` list.
            var node = JsonSerializer.SerializeToNode(example, context.Type, _json)!;
            concrete.Example = node;
            concrete.Examples = [node.DeepClone()];
        }
    }

    /// <summary>
    /// A type's own example, or one composed from its parts: the envelopes around an example (success,
    /// page, error) and lists of one example item. The generator of the Postman collection invents values
    /// where a schema has no example, differently on each run; composed ones keep it stable.
    /// </summary>
    private bool TryExample(Type type, [NotNullWhen(true)] out object? example)
    {
        example = null;
        if (_examples.TryGet(type, out var own))
        {
            example = own;
        }
        else if (type == typeof(ApiErrorResponse) && _examples.TryGet(typeof(ApiError), out var error) && _examples.TryGet(typeof(ApiMeta), out var meta))
        {
            example = new ApiErrorResponse(false, (ApiError)error, (ApiMeta)meta);
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(ApiResponse<>) || definition == typeof(PagedApiResponse<>))
            && TryExample(type.GetGenericArguments()[0], out var data) && _examples.TryGet(typeof(ApiMeta), out var envelopeMeta))
        {
            example = definition == typeof(ApiResponse<>)
                ? Activator.CreateInstance(type, true, data, null, envelopeMeta)
                : Activator.CreateInstance(type, true, OneItem(type.GetGenericArguments()[0], data), new Pagination(1, 20, 1, 1, false, false), null, envelopeMeta);
        }
        else if (ListItemType(type) is { } item && TryExample(item, out var one))
        {
            example = OneItem(item, one);
        }

        return example is not null;
    }

    private static Array OneItem(Type item, object example)
    {
        var list = Array.CreateInstance(item, 1);
        list.SetValue(example, 0);
        return list;
    }

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
          && (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;
}
