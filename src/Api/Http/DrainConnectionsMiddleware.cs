namespace Veza.Api.Http;

/// <summary>
/// While the node stops (ApplicationStopping has fired and the drain delay runs), every HTTP/1.1 response asks
/// the client to close its connection. A load balancer's pooled keep-alive connections to this node then end
/// cleanly after a response, instead of being cut by Kestrel's stop between two requests, a cut nginx retries
/// on another node only for idempotent methods: without this a POST landing on that cut fails with 502.
/// </summary>
public sealed class DrainConnectionsMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    public Task InvokeAsync(HttpContext context)
    {
        // HTTP/2 and 3 have no connection header (GOAWAY is Kestrel's own business there).
        if (lifetime.ApplicationStopping.IsCancellationRequested && HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }

        return next(context);
    }
}
