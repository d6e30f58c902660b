using System.ComponentModel.DataAnnotations;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Jobs;

public sealed class JobsOptions : IValidatableObject
{
    public const string Section = "Jobs";

    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due work when no commit woke it (retries, delayed jobs, other nodes' jobs).</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claim holds a job without news from its node; a running job renews it every third of
    /// this. A node that dies leaves the job to be taken again once this has passed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay before the first retry; each further one doubles, up to <see cref="RetryMaxDelay"/> (with ±20% jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Jobs of one kind running at once on this node, unless the kind says otherwise.</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 2;

    /// <summary>Succeeded jobs and inbox entries are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Per kind (for instance <c>Jobs:Kinds:tracks.process:MaxParallelism</c>): overrides of the defaults above.</summary>
    public Dictionary<string, JobKindOptions> Kinds { get; set; } = new(StringComparer.Ordinal);

    /// <param name="kindDefault">What the job type itself asks for (<c>JobDefaultsAttribute</c>), below configuration.</param>
    public int MaxParallelismOf(string kind, int? kindDefault = null) =>
        Kinds.TryGetValue(kind, out var k) && k.MaxParallelism is { } n ? n : kindDefault ?? MaxParallelism;

    /// <param name="kindDefault">What the job type itself asks for (<c>JobDefaultsAttribute</c>), below configuration.</param>
    public int MaxAttemptsOf(string kind, int? kindDefault = null) =>
        Kinds.TryGetValue(kind, out var k) && k.MaxAttempts is { } n ? n : kindDefault ?? MaxAttempts;

    public TimeSpan RetryDelay(int attempt) => Backoff.Exponential(RetryBaseDelay, RetryMaxDelay, attempt);

    /// <summary>Data annotations stop at this object; the per-kind overrides are checked here so a 0 cannot silently stop a kind.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (kind, overrides) in Kinds)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(overrides, new ValidationContext(overrides), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"Jobs:Kinds:{kind}: {result.ErrorMessage}", result.MemberNames.Select(m => $"Kinds:{kind}:{m}"));
                }
            }
        }
    }
}

public sealed class JobKindOptions
{
    [Range(1, 64)]
    public int? MaxParallelism { get; set; }

    [Range(1, 100)]
    public int? MaxAttempts { get; set; }
}
