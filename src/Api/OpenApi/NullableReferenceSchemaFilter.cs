using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Veza.Api.OpenApi;

/// <summary>
/// A nullable property of another schema's type (`"failure": null`, `"rating": null`) is generated as a bare
/// $ref, which says it is never null. OpenAPI 3.0 cannot put `nullable` beside a $ref, so such a property
/// (the envelope's generic `data` aside) becomes `anyOf: [{$ref}, {type, nullable: true, enum: [null]}]`: the schema, or null.
/// </summary>
public sealed class NullableReferenceSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    private readonly NullabilityInfoContext _nullability = new();
    private readonly JsonNamingPolicy? _naming = json.Value.SerializerOptions.PropertyNamingPolicy;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties })
        {
            return;
        }

        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = _naming?.ConvertName(property.Name) ?? property.Name;
            if (!properties.TryGetValue(name, out var propertySchema) || propertySchema is not OpenApiSchemaReference reference
                || _nullability.Create(property).ReadState != NullabilityState.Nullable || IsGenericParameter(property))
            {
                continue;
            }

            var underlying = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            properties[name] = new OpenApiSchema
            {
                AnyOf =
                [
                    reference,
                    new OpenApiSchema
                    {
                        Type = (underlying.IsEnum ? JsonSchemaType.String : JsonSchemaType.Object) | JsonSchemaType.Null,
                        Enum = [null!],
                    },
                ],
            };
        }
    }

    /// <summary>The envelope's `T? data`: nullable only because T is unconstrained; a success carries its data.</summary>
    private static bool IsGenericParameter(PropertyInfo property) =>
        property.DeclaringType is { IsGenericType: true } declaring
        && declaring.GetGenericTypeDefinition().GetProperty(property.Name)?.PropertyType.IsGenericParameter == true;
}
