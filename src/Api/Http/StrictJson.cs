using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Veza.Application.Common.Exceptions;

namespace Veza.Api.Http;

/// <summary>
/// Binds a body that may hold only the fields of its request type, at every depth: any other field
/// (role, email, status, a typo) refuses the whole body with 400 VALIDATION_ERROR naming each such field,
/// before anything runs. Mass assignment cannot happen through a field the request type does not have,
/// and a client learns of its typo instead of it being silently ignored. With <c>refuseNulls</c>, a null
/// anywhere is refused the same way (for bodies where null means nothing: leave the field out instead).
/// </summary>
public static class StrictJson
{
    public const string UnknownFieldMessage = "This field does not exist here or cannot be set.";

    public const string NullMessage = "Must not be null: leave the field out to keep it as it is.";

    public static T Read<T>(JsonElement body, JsonSerializerOptions options, bool refuseNulls = false)
        where T : class
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("body", "The body must be a JSON object.");
        }

        var errors = new List<FieldError>();
        Check(body, typeof(T), string.Empty, options, refuseNulls, errors);
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

    private static void Check(JsonElement element, Type type, string path, JsonSerializerOptions options, bool refuseNulls, List<FieldError> errors)
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
                if (refuseNulls && entry.Value.ValueKind == JsonValueKind.Null)
                {
                    errors.Add(new FieldError(path + entry.Name, NullMessage));
                    continue;
                }

                Check(entry.Value, valueType, $"{path}{entry.Name}.", options, refuseNulls, errors);
            }

            return;
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Find(info, property.Name) is not { } member)
            {
                errors.Add(new FieldError(path + property.Name, UnknownFieldMessage));
            }
            else if (refuseNulls && property.Value.ValueKind == JsonValueKind.Null)
            {
                errors.Add(new FieldError(path + property.Name, NullMessage));
            }
            else
            {
                Check(property.Value, member.PropertyType, $"{path}{property.Name}.", options, refuseNulls, errors);
            }
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name) =>
        info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    private static RequestValidationException Invalid(string field, string message) => new([new FieldError(field, message)]);
}
