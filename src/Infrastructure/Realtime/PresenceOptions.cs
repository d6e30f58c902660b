using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Realtime;

/// <summary>Presence shared through Redis: each node renews its connections; those of a node that stopped doing so expire.</summary>
public sealed class PresenceOptions : IValidatableObject
{
    public const string Section = "Presence";

    /// <summary>How often a node renews its connections and looks for expired ones.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection counts without renewal: how soon the users of a dead node go offline.</summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "00:30:00")]
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConnectionLifetime < RenewInterval * 2)
        {
            yield return new ValidationResult("Presence:ConnectionLifetime must be at least twice Presence:RenewInterval, or a slow renewal drops live users.", [nameof(ConnectionLifetime)]);
        }
    }
}
