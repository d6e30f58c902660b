using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Veza.Api.OpenApi;

/// <summary>
/// The API writes every field of an answer, null ones included (<c>"failure": null</c>), so a schema that
/// answers are made of lists all its fields as required: a generated client (clients/typescript) then
/// types <c>failure: TrackFailureDto | null</c>, not an optional field a frontend must test for twice.
/// Fields written only when set (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>) stay optional, and so
/// does every field of a schema a request body or parameter reaches, which callers may leave out.
/// <see cref="Record"/> notes each type's always-written fields, from the serializer's own contract, as its
/// schema is made; <see cref="Apply"/> applies them to the schemas only answers reach, once the whole
/// document is known.
/// </summary>
public sealed class ResponseFieldsRequired : IDocumentFilter
{
    private static readonly ConditionalWeakTable<IOpenApiSchema, string[]> AlwaysWritten = [];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var components = swaggerDoc.Components?.Schemas;
        if (components is null)
        {
            return;
        }

        var answered = new HashSet<string>(StringComparer.Ordinal);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? []))
            {
                Reach(media.Schema, components, answered);
            }

            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
            {
                Reach(media.Schema, components, asked);
            }

            foreach (var parameter in operation.Parameters ?? [])
            {
                Reach(parameter.Schema, components, asked);
            }
        }

        foreach (var id in answered.Except(asked))
        {
            if (components[id] is OpenApiSchema schema && AlwaysWritten.TryGetValue(schema, out var fields) && fields.Length > 0)
            {
                schema.Required = new SortedSet<string>(fields, StringComparer.Ordinal);
            }
        }
    }

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> reached)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && reached.Add(id) && components.TryGetValue(id, out var target))
                {
                    Reach(target, components, reached);
                }

                return;
        }

        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AllOf ?? []))
        {
            Reach(child, components, reached);
        }

        Reach(schema.Items, components, reached);
        Reach(schema.AdditionalProperties, components, reached);
    }

    /// <summary>
    /// Notes the fields the serializer always writes for a type, as its schema is generated: asked of the
    /// API's own serializer options, so an ignore condition (on a property or for every property), an
    /// extension-data bag or a contract change counts as it does on the wire.
    /// </summary>
    public sealed class Record(IOptions<JsonOptions> json) : ISchemaFilter
    {
        private readonly JsonSerializerOptions _serializer = json.Value.SerializerOptions;

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema.Properties is not { Count: > 0 } properties
                || _serializer.GetTypeInfo(context.Type) is not { Kind: JsonTypeInfoKind.Object } contract)
            {
                return;
            }

            var written = contract.Properties
                .Where(p => p.Get is not null && p.ShouldSerialize is null && !p.IsExtensionData && WrittenWhenNull(p))
                .Select(p => p.Name)
                .Where(properties.ContainsKey)
                .ToArray();
            AlwaysWritten.AddOrUpdate(schema, written);
        }

        private bool WrittenWhenNull(JsonPropertyInfo property) =>
            (property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>().FirstOrDefault()?.Condition
                ?? _serializer.DefaultIgnoreCondition) is JsonIgnoreCondition.Never;
    }
}
