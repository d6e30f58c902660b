using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
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
/// does every field of a request body, which callers may leave out. <see cref="Record"/> notes each
/// type's always-written fields as its schema is made; <see cref="Apply"/> applies them to the schemas
/// an answer reaches, once the whole document is known.
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

        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? []))
            {
                Reach(media.Schema, components, reached);
            }
        }

        foreach (var id in reached)
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

    /// <summary>Notes the fields the serializer always writes for a type, as its schema is generated.</summary>
    public sealed class Record(IOptions<JsonOptions> json) : ISchemaFilter
    {
        private readonly JsonNamingPolicy? _naming = json.Value.SerializerOptions.PropertyNamingPolicy;

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema.Properties is not { Count: > 0 } properties)
            {
                return;
            }

            var written = context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null || p.GetCustomAttribute<JsonIgnoreAttribute>()!.Condition == JsonIgnoreCondition.Never)
                .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? _naming?.ConvertName(p.Name) ?? p.Name)
                .Where(properties.ContainsKey)
                .ToArray();
            AlwaysWritten.AddOrUpdate(schema, written);
        }
    }
}
