using System.Collections;
using System.Reflection;
using Veza.Domain.Common;

namespace Veza.Application.Common.Validation;

/// <summary>
/// Finds control characters (U+0000 among them) and lone surrogates in the string inputs of a request:
/// its string properties, its string collections, and those of the records it holds one level down
/// (directly or in a collection). The validation behaviour runs it for every request, so a new
/// endpoint is covered without writing a rule.
/// </summary>
internal static class TextInputGuard
{
    public const string Message = "Must not contain control characters (such as U+0000) or unpaired surrogates.";
    public const string MultilineMessage = "Must not contain control characters (such as U+0000) other than line breaks and tabs, or unpaired surrogates.";

    /// <summary>Each offending field as a property path in FluentValidation's spelling ("Items[2].Name").</summary>
    public static IEnumerable<(string Path, string Message)> Check<TRequest>(TRequest request) =>
        request is null ? [] : Plan<TRequest>.Fields.SelectMany(field => field.Check(request, prefix: string.Empty));

    // Built once per request type: reflection is the slow part, reading the properties is not.
    private static class Plan<TRequest>
    {
        public static readonly Field[] Fields = Describe(typeof(TRequest), nest: true);
    }

    private static Field[] Describe(Type type, bool nest) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => Describe(type, p, nest))
            .OfType<Field>()
            .ToArray();

    private static Field? Describe(Type owner, PropertyInfo property, bool nest)
    {
        var type = property.PropertyType;
        var element = type == typeof(string) ? null : ElementType(type);
        var inspected = element ?? type;
        if (inspected == typeof(string))
        {
            return new Field(property, IsMultiline(owner, property), [], IsCollection: element is not null);
        }

        // One level of the request's own records (not framework types such as Guid or DateTimeOffset):
        // deeper graphs are not what a request body looks like, and a cycle would never end.
        if (nest && IsOwnRecord(inspected) && Describe(inspected, nest: false) is { Length: > 0 } nested)
        {
            return new Field(property, Multiline: false, nested, IsCollection: element is not null);
        }

        return null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static bool IsOwnRecord(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.Namespace?.StartsWith("Veza.", StringComparison.Ordinal) == true;

    // A positional record's attribute lands on the constructor parameter unless written [property: ...].
    private static bool IsMultiline(Type owner, PropertyInfo property) =>
        property.IsDefined(typeof(MultilineTextAttribute), inherit: true)
        || owner.GetConstructors().SelectMany(c => c.GetParameters())
            .Any(p => p.Name == property.Name && p.ParameterType == property.PropertyType && p.IsDefined(typeof(MultilineTextAttribute), inherit: true));

    /// <summary>One readable property that holds text, a collection of text, or a record holding text.</summary>
    private sealed record Field(PropertyInfo Property, bool Multiline, Field[] Nested, bool IsCollection)
    {
        public IEnumerable<(string Path, string Message)> Check(object owner, string prefix)
        {
            var value = Property.GetValue(owner);
            var path = prefix + Property.Name;
            if (!IsCollection)
            {
                return Inspect(value, path);
            }

            return value is IEnumerable items ? items.Cast<object?>().SelectMany((item, index) => Inspect(item, $"{path}[{index}]")) : [];
        }

        private IEnumerable<(string Path, string Message)> Inspect(object? value, string path) => value switch
        {
            null => [],
            string text => UnicodeText.HasControlCharacter(text, Multiline) ? [(path, Multiline ? MultilineMessage : Message)] : [],
            _ => Nested.SelectMany(field => field.Check(value, path + ".")),
        };
    }
}
