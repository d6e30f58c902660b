using Microsoft.AspNetCore.Mvc;

namespace Veza.Api.Http;

public static class EndpointConventions
{
    /// <summary>Documents the error envelope for each status the endpoint can answer with (plus 500, which any can).</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status500InternalServerError).Distinct())
        {
            builder.Produces<ApiErrorResponse>(status, "application/json");
        }

        return builder;
    }

    public static RouteHandlerBuilder WithRateLimitPolicy(this RouteHandlerBuilder builder, string policy) =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policy));

    /// <summary>
    /// Uploads declare their own body limit rather than raising the default for every endpoint;
    /// <see cref="RequestBodyLimitMiddleware"/> enforces it.
    /// </summary>
    public static RouteHandlerBuilder WithRequestBodyLimit(this RouteHandlerBuilder builder, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
    }
}
