namespace Veza.Api.Http;

/// <summary>
/// What a node does differently while it stops (ApplicationStopping has fired and the drain delay runs), so a load
/// balancer that only watches answers (nginx without active checks) moves traffic off the node before Kestrel stops
/// accepting, and no request is cut:
/// <list type="bullet">
/// <item>Reads (GET, HEAD, OPTIONS) and every hub request are refused with 503 before anything runs. The balancer
/// retries them on another node (nginx: proxy_next_upstream http_503), and nginx counts each refusal as a failure, so
/// after a few (max_fails) it stops sending this node anything, writes included. A write cannot be refused that way
/// (nginx never retries a POST once sent), so writes are served to the end of the drain. Liveness and metrics still
/// answer: a liveness probe failing would kill the node before it finished.</item>
/// <item>Every HTTP/1.1 response asks the client to close its connection: a balancer's pooled keep-alive connections
/// end cleanly after a response instead of being cut by Kestrel's stop between two requests.</item>
/// </list>
/// ASP.NET Core itself closes the node's hub connections when stopping begins; the refusal sends their reconnections
/// to another node.
/// </summary>
public sealed class DrainingMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    /// <summary>Where every hub lives (<see cref="Hubs.ChatHub.Path"/>, <see cref="Hubs.RadioHub.Path"/>).</summary>
    private static readonly PathString HubsPrefix = "/hubs";

    private static readonly TimeSpan TryAgainAfter = TimeSpan.FromSeconds(1);

    // One delegate for the node's life (it captures only the lifetime): the per-request cost is the registration.
    private readonly Func<object, Task> _closeWhileStopping = state =>
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            ((HttpContext)state).Response.Headers.Connection = "close";
        }

        return Task.CompletedTask;
    };

    public async Task InvokeAsync(HttpContext context)
    {
        // HTTP/2 and 3 have no connection header (GOAWAY is Kestrel's own business there). Decided when the response
        // starts, not when the request arrived: a request begun before the stop and answered during the drain must
        // close its connection too.
        if (HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.OnStarting(_closeWhileStopping, context);
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested && IsRefusedWhileDraining(context.Request))
        {
            await ErrorMappingMiddleware.WriteUnavailableAsync(context, "This node is shutting down: try again.", TryAgainAfter);
            return;
        }

        await next(context);
    }

    private static bool IsRefusedWhileDraining(HttpRequest request) =>
        request.Path.StartsWithSegments(HubsPrefix, StringComparison.OrdinalIgnoreCase)
        || ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            && !request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/ready", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase));
}
