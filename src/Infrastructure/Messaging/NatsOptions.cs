using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Messaging;

public sealed class NatsOptions
{
    public const string Section = "Nats";

    /// <summary>nats://host:port. Empty: the in-process bus is used.</summary>
    public string? Url { get; set; }

    /// <summary>Subjects are <c>{prefix}.{event_type}</c>, e.g. <c>veza.users.registered</c>.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*$")]
    public string SubjectPrefix { get; set; } = "veza";

    [Range(100, 60_000)]
    public int PublishTimeoutMs { get; set; } = 2000;
}
