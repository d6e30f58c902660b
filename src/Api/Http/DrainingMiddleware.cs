namespace Veza.Api.Http;

/// <summary>
/// What a node does differently while it stops (ApplicationStopping has fired and the drain delay runs):
/// <list type="bullet">
/// <item>Every HTTP/1.1 response asks the client to close its connection. A load balancer's pooled keep-alive
/// connections to this node then end cleanly after a response, instead of being cut by Kestrel's stop between two
/// requests, a cut nginx retries on another node only for idempotent methods: a POST landing on it would fail with 502.</item>
/// <item>New SignalR connections are refused with 503. ASP.NET Core closes this node's hub connections the moment
/// stopping begins; clients reconnect at once, and nginx passes a 503 on to another node (proxy_next_upstream), where
/// the client would otherwise have been sent straight back here, to be dropped again when Kestrel stops.</item>
/// </list>
/// </summary>
public sealed class DrainingMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    /// <summary>Where every hub lives (<see cref="Hubs.ChatHub.Path"/>, <see cref="Hubs.RadioHub.Path"/>).</summary>
    private static readonly PathString HubsPrefix = "/hubs";

    public async Task InvokeAsync(HttpContext context)
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

        if (lifetime.ApplicationStopping.IsCancellationRequested && context.Request.Path.StartsWithSegments(HubsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.RetryAfter = "1";
            await ErrorMappingMiddleware.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "This node is shutting down: connect again.");
            return;
        }

        await next(context);
    }
}
