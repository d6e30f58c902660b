using Microsoft.Extensions.Options;
using Veza.Api.Observability;
using Veza.Api.Security;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;

namespace Veza.Api.Http;

/// <summary>Applies the per-IP, per-user and per-endpoint limits through the <see cref="IRateLimiter"/> port (in-memory or Redis).</summary>
public sealed class RateLimitingMiddleware(RequestDelegate next, IRateLimiter limiter, IOptions<RateLimitingOptions> options, ApiMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (settings.Enabled)
        {
            var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var ct = context.RequestAborted;
            if (context.GetEndpoint()?.Metadata.GetMetadata<StreamRateLimitMetadata>() is not null)
            {
                // The signature is checked after this: a forged lid gets a bucket, but the per-address ceiling holds.
                var listener = context.Request.Query["lid"].ToString();
                await AcquireAsync($"{RateLimitPolicies.StreamListener}:{(listener.Length is > 0 and <= 64 ? listener : "ip:" + ip)}", settings.Policies[RateLimitPolicies.StreamListener], ct);
                await AcquireAsync($"{RateLimitPolicies.StreamAddress}:ip:{ip}", settings.Policies[RateLimitPolicies.StreamAddress], ct);
                await next(context);
                return;
            }

            if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitPolicyMetadata>() is { } named
                && settings.Policies.TryGetValue(named.Name, out var policy))
            {
                await AcquireAsync($"{named.Name}:ip:{ip}", policy, ct);
                if (named.InsteadOfGeneral)
                {
                    await next(context);
                    return;
                }
            }

            await AcquireAsync($"ip:{ip}", settings.PerIp, ct);
            if (context.User.UserId() is { } userId)
            {
                await AcquireAsync($"user:{userId}", settings.PerUser, ct);
            }
        }

        await next(context);
    }

    private async Task AcquireAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        var decision = await limiter.AcquireAsync(key, policy.ToRule(), cancellationToken);
        if (!decision.Allowed)
        {
            // The key's first part names the policy (ip, user, login, stream_listener...), never the caller.
            metrics.RateLimited(key[..Math.Max(0, key.IndexOf(':'))]);
            throw new RateLimitedException(decision.RetryAfter);
        }
    }
}
