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

    public static RouteHandlerBuilder WithRateLimitPolicy(this RouteHandlerBuilder builder, string policy, bool insteadOfGeneral = false) =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policy, insteadOfGeneral));

    /// <summary>The byte routes: limited per signed listener and, more loosely, per address (<see cref="RateLimitPolicies.StreamListener"/>).</summary>
    public static RouteHandlerBuilder WithStreamRateLimit(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new StreamRateLimitMetadata());

    /// <summary>
    /// Uploads declare their own body limit rather than raising the default for every endpoint;
    /// <see cref="RequestBodyLimitMiddleware"/> enforces it.
    /// </summary>
    public static RouteHandlerBuilder WithRequestBodyLimit(this RouteHandlerBuilder builder, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
    }

    /// <summary>
    /// For uploads whose size limit is the runtime setting <c>max_upload_bytes</c> (admins change it while
    /// the platform runs): the body may be that plus <paramref name="otherPartsBytes"/> for the rest of the
    /// form. <see cref="RequestBodyLimitMiddleware"/> reads the setting for each such request. A
    /// <c>maxFileBytes</c> given replaces the setting (shared resources have their own limit).
    /// </summary>
    public static RouteHandlerBuilder WithUploadBodyLimit(this RouteHandlerBuilder builder, long otherPartsBytes, Func<IServiceProvider, long>? maxFileBytes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(otherPartsBytes);
        return builder.WithMetadata(new UploadBodyLimitMetadata(otherPartsBytes, maxFileBytes));
    }
}

/// <summary>The body limit is the file's limit (the runtime upload size unless <see cref="MaxFileBytes"/> says) plus this much for the form's other parts.</summary>
public sealed record UploadBodyLimitMetadata(long OtherPartsBytes, Func<IServiceProvider, long>? MaxFileBytes = null);
