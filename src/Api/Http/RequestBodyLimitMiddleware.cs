using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;

namespace Veza.Api.Http;

/// <summary>
/// Refuses bodies over the endpoint's limit before they are read: early on Content-Length, and via the
/// server for chunked bodies. The limit is the endpoint's <see cref="IRequestSizeLimitMetadata"/> when it
/// declares one (null there means unlimited, for streamed uploads), the runtime upload size limit plus
/// room for the other parts for an <see cref="UploadBodyLimitMetadata"/> endpoint (the setting is read per
/// request, so a change applies at once on every node), else the configured default. Runs after routing,
/// so it sees the endpoint.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        long? limit;
        if (metadata?.GetMetadata<UploadBodyLimitMetadata>() is { } upload)
        {
            var maxUpload = upload.MaxFileBytes?.Invoke(context.RequestServices)
                ?? (await context.RequestServices.GetRequiredService<IRuntimeSettings>().GetAsync(context.RequestAborted)).MaxUploadBytes;
            limit = maxUpload + upload.OtherPartsBytes;
            if (context.Request.ContentLength > limit)
            {
                // The other parts cannot make up the difference: the file itself is over the limit.
                throw new FileTooLargeException(maxUpload);
            }
        }
        else
        {
            limit = metadata?.GetMetadata<IRequestSizeLimitMetadata>() is { } declared ? declared.MaxRequestBodySize : options.Value.MaxRequestBodyBytes;
        }

        if (limit is { } max && context.Request.ContentLength > max)
        {
            throw new PayloadTooLargeException(max);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
