using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Users;

namespace Veza.Infrastructure.Users;

internal sealed class UserPreferencesConfiguration : IEntityTypeConfiguration<UserPreferences>
{
    /// <summary>The stored document uses the API's spelling (snake_case keys and enum names), so it reads the same in psql.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public void Configure(EntityTypeBuilder<UserPreferences> builder)
    {
        builder.ToTable("user_preferences");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("user_id").ValueGeneratedNever();
        builder.Property(p => p.Values).HasColumnName("preferences").HasColumnType("jsonb")
            .HasConversion(v => JsonSerializer.Serialize(v, Json), s => Read(s));
        builder.Ignore(p => p.DomainEvents);
    }

    /// <summary>Missing kinds (added since the row was written) get their defaults.</summary>
    internal static PreferenceSet Read(string json) =>
        (JsonSerializer.Deserialize<PreferenceSet>(json, Json) ?? PreferenceSet.Default).Complete();
}
