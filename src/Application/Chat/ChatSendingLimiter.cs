using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;

namespace Veza.Application.Chat;

/// <summary>One sending budget per user for room and direct messages alike (a burst and a minute), through the rate limiter port (Redis across nodes when configured).</summary>
public sealed class ChatSendingLimiter(IRateLimiter limiter, ChatSettings settings)
{
    public async Task AcquireAsync(Guid userId, CancellationToken cancellationToken)
    {
        foreach (var (name, rule) in new[] { ("burst", settings.SendBurst), ("minute", settings.SendPerMinute) })
        {
            var decision = await limiter.AcquireAsync($"chat:send:{name}:{userId}", rule, cancellationToken);
            if (!decision.Allowed)
            {
                throw new RateLimitedException(decision.RetryAfter, "You are sending messages too fast.");
            }
        }
    }
}
