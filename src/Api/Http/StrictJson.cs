using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Veza.Application.Common.Exceptions;

namespace Veza.Api.Http;

/// <summary>
/// Binds a body that may hold only the fields of its request type, at every depth: any other field
/// (role, email, status, a typo) refuses the whole body with 400 VALIDATION_ERROR naming each such field,
/// before anything runs. Mass assignment cannot happen through a field the request type does not have,
/// and a client learns of its typo instead of it being silently ignored.
/// </summary>
public static class StrictJson
{
    public const string UnknownFieldMessage = "This field does not exist here or cannot be set.";

    public static T Read<T>(JsonElement body, JsonSerializerOptions options)
        where T : class
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("body", "The body must be a JSON object.");
        }

        var errors = new List<FieldError>();
        Check(body, typeof(T), string.Empty, options, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        try
        {
            return body.Deserialize<T>(options) ?? throw Invalid("body", "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Invalid(ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body", "Has the wrong type or an unknown value.");
        }
    }

    private static void Check(JsonElement element, Type type, string path, JsonSerializerOptions options, List<FieldError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return; // A wrong shape is the deserializer's to report.
        }

        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Dictionary && info.ElementType is { } valueType)
        {
            foreach (var entry in element.EnumerateObject())
            {
                Check(entry.Value, valueType, $"{path}{entry.Name}.", options, errors);
            }

            return;
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Find(info, property.Name) is { } member)
            {
                Check(property.Value, member.PropertyType, $"{path}{property.Name}.", options, errors);
            }
            else
            {
                errors.Add(new FieldError(path + property.Name, UnknownFieldMessage));
            }
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name) =>
        info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    private static RequestValidationException Invalid(string field, string message) => new([new FieldError(field, message)]);
}
