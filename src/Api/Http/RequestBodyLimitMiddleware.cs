using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Veza.Api.Http;

/// <summary>Refuses bodies over the configured size before they are read: early on Content-Length, and via the server for chunked bodies.</summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new PayloadTooLargeException(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
