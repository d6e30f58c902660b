using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Veza.Api.Http;

/// <summary>
/// Refuses bodies over the endpoint's limit before they are read: early on Content-Length, and via the
/// server for chunked bodies. The limit is the endpoint's <see cref="IRequestSizeLimitMetadata"/> when it
/// declares one (null there means unlimited, for streamed uploads), else the configured default. Runs
/// after routing, so it sees the endpoint.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared
            ? declared.MaxRequestBodySize
            : options.Value.MaxRequestBodyBytes;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            throw new PayloadTooLargeException(max);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
