using System.Diagnostics.CodeAnalysis;

namespace Veza.Api.OpenApi;

/// <summary>
/// A feature's Swagger examples, kept beside its endpoints. Every implementation in the API assembly is
/// found at start-up and merged by <see cref="ExampleSchemaFilter"/>, so a new feature adds a file, not
/// rows to a central table.
/// </summary>
public interface IOpenApiExamples
{
    void AddTo(ExampleTable examples);
}

/// <summary>One example per schema type; a second one for the same type is a mistake, not an override.</summary>
public sealed class ExampleTable
{
    private readonly Dictionary<Type, object> _byType = [];

    public ExampleTable Add<T>(T example)
        where T : notnull
    {
        if (!_byType.TryAdd(typeof(T), example))
        {
            throw new InvalidOperationException($"Two Swagger examples for {typeof(T).Name}.");
        }

        return this;
    }

    public bool TryGet(Type type, [MaybeNullWhen(false)] out object example) => _byType.TryGetValue(type, out example);
}

/// <summary>Values shared by several features' examples, so the same user reads the same everywhere.</summary>
public static class ExampleValues
{
    public const string Password = "violet-tape-deck-42";
    public const string RefreshToken = "q3Yk9d0Xw1u7Jd2cS3bX8vK0pN5mR4tL6zQ1eW9yA2c";

    public static readonly Guid UserId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f70");
    public static readonly Guid SessionId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-aabbccddeeff");
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
}
