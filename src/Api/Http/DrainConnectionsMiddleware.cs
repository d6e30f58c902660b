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
        if (HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            // Decided when the response starts, not when the request arrived: a request begun before the stop and
            // answered during the drain must close its connection too.
            context.Response.OnStarting(static state =>
            {
                var (http, stopping) = ((HttpContext, CancellationToken))state;
                if (stopping.IsCancellationRequested)
                {
                    http.Response.Headers.Connection = "close";
                }

                return Task.CompletedTask;
            }, (context, lifetime.ApplicationStopping));
        }

        return next(context);
    }
}
