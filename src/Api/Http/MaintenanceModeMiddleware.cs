using Veza.Domain.Ports;

namespace Veza.Api.Http;

/// <summary>
/// Read-only maintenance: while the runtime setting <c>maintenance_mode</c> is on, every write
/// (POST, PUT, PATCH, DELETE) answers 503 SERVICE_UNAVAILABLE with Retry-After, and reads keep working.
/// Endpoints marked <see cref="MaintenanceModeExtensions.AllowedDuringMaintenance"/> stay open (sign-in,
/// token refresh, the settings screen), so an admin can always turn it off. The setting is read from
/// PostgreSQL for each write, so all nodes switch together (docs/decisions/0011).
/// </summary>
public sealed class MaintenanceModeMiddleware(RequestDelegate next)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(120);

    public const string Message = "Veza is in maintenance: changes are paused for a moment, reading still works. Try again later.";

    public async Task InvokeAsync(HttpContext context, IRuntimeSettings settings)
    {
        if (IsWrite(context.Request.Method)
            && context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<AllowedDuringMaintenanceMetadata>() is null
            && (await settings.GetAsync(context.RequestAborted)).MaintenanceMode)
        {
            await ErrorMappingMiddleware.WriteUnavailableAsync(context, Message, RetryAfter);
            return;
        }

        await next(context);
    }

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}

public sealed class AllowedDuringMaintenanceMetadata;

public static class MaintenanceModeExtensions
{
    /// <summary>Keeps this write usable in maintenance mode (only what is needed to sign in and end maintenance).</summary>
    public static RouteHandlerBuilder AllowedDuringMaintenance(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new AllowedDuringMaintenanceMetadata());
}
