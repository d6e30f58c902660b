using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Identity;

public sealed class PasswordHashingOptions
{
    public const string Section = "PasswordHashing";
    public const int MinimumIterations = 210_000;

    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP 2023: at least 210,000). Raising it rehashes on next login.</summary>
    [Range(MinimumIterations, 10_000_000)]
    public int Iterations { get; set; } = MinimumIterations;
}
