using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Veza.Domain.Common;

namespace Veza.Infrastructure.Persistence;

/// <summary>Stores an enum as its wire name (<see cref="WireNames"/>); a stored name no member has is corrupt data.</summary>
internal sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(v => v.ToWireName(), s => Parse(s))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string name) =>
        WireNames.TryParse<TEnum>(name, out var value) ? value : throw new StoredDataException($"A {typeof(TEnum).Name} column holds an unknown value ({name.Length} characters).");
}
