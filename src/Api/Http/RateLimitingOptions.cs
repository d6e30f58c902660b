using System.ComponentModel.DataAnnotations;
using Veza.Domain.Ports;

namespace Veza.Api.Http;

public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Every request, per client IP.</summary>
    [Required]
    public RateLimitPolicy PerIp { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    /// <summary>Every authenticated request, per user.</summary>
    [Required]
    public RateLimitPolicy PerUser { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Named, stricter policies per IP (register, login, refresh), chosen by endpoint metadata.</summary>
    public Dictionary<string, RateLimitPolicy> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitPolicies.Register] = new() { PermitLimit = 10, WindowSeconds = 3600 },
        [RateLimitPolicies.Login] = new() { PermitLimit = 30, WindowSeconds = 300 },
        [RateLimitPolicies.Refresh] = new() { PermitLimit = 60, WindowSeconds = 300 },
        [RateLimitPolicies.AccountEmail] = new() { PermitLimit = 10, WindowSeconds = 900 },
        [RateLimitPolicies.AccountToken] = new() { PermitLimit = 30, WindowSeconds = 300 },
        [RateLimitPolicies.StreamListener] = new() { PermitLimit = 1200, WindowSeconds = 60 },
        [RateLimitPolicies.StreamAddress] = new() { PermitLimit = 12_000, WindowSeconds = 60 },
        [RateLimitPolicies.IcecastAuth] = new() { PermitLimit = 12_000, WindowSeconds = 60 },
    };
}

public sealed class RateLimitPolicy
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }

    public RateLimitRule ToRule() => new(PermitLimit, TimeSpan.FromSeconds(WindowSeconds));
}

public static class RateLimitPolicies
{
    public const string Register = "register";
    public const string Login = "login";
    public const string Refresh = "refresh";

    /// <summary>Requests that mail someone (forgot password, magic link, verification resend); each address or account has its own limit besides.</summary>
    public const string AccountEmail = "account-email";

    /// <summary>Requests that spend an emailed token (verify, reset, confirm a change, magic-link sign-in).</summary>
    public const string AccountToken = "account-token";

    /// <summary>
    /// The byte routes, per listener (the signed lid): a player seeking through ranges or fetching HLS
    /// segments makes many small requests, and many listeners may share one address (a campus NAT), so
    /// these routes are limited per listener instead of by the general per-IP limit.
    /// </summary>
    public const string StreamListener = "stream";

    /// <summary>The byte routes, per address: a far higher ceiling, so rotating forged lids gains little.</summary>
    public const string StreamAddress = "stream-ip";

    /// <summary>Icecast asking whether to admit each listener of the radio's mounts: all from Icecast's address, so instead of the per-IP limit.</summary>
    public const string IcecastAuth = "icecast-auth";
}

/// <summary>Endpoint metadata: the byte routes' per-listener limits replace the general per-IP one.</summary>
public sealed record StreamRateLimitMetadata;

/// <summary>
/// Endpoint metadata naming the per-IP policy that applies on top of the general ones (a stricter one), or
/// instead of them when <paramref name="InsteadOfGeneral"/> (one caller speaking for many, such as Icecast).
/// </summary>
public sealed record RateLimitPolicyMetadata(string Name, bool InsteadOfGeneral = false);
