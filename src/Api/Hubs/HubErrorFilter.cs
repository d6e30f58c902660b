using Microsoft.AspNetCore.SignalR;
using Veza.Api.Http;
using Veza.Api.Observability;

namespace Veza.Api.Hubs;

/// <summary>
/// A refused hub call fails with a message that starts with its code ("FORBIDDEN: Join the room first."),
/// the same codes and messages the REST envelope carries: one mapping, <see cref="ErrorMappingMiddleware.Map"/>.
/// </summary>
public sealed class HubErrorFilter(ApiMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Counted here, the one filter every hub call passes (connections come from ASP.NET Core's own meter).
        metrics.HubMessage(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            var (status, code, message, details, _) = ErrorMappingMiddleware.Map(ex);
            if (status >= 500)
            {
                throw;
            }

            var fields = details is { Count: > 0 } ? " " + string.Join("; ", details.Select(d => $"{d.Field}: {d.Message}")) : string.Empty;
            throw new HubException($"{code}: {message}{fields}");
        }
    }
}
