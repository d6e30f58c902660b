using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Veza.Api.Endpoints;
using Veza.Api.Endpoints.Health;
using Veza.Api.OpenApi;

namespace Veza.Api.Http;

public static class HttpSetup
{
    /// <summary>The REST contract's plumbing: options, snake_case JSON, routing, forwarded headers and the endpoint groups.</summary>
    public static IServiceCollection AddVezaHttp(this IServiceCollection services, IConfiguration configuration, ApiOptions apiOptions)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => ConfigureJson(options.JsonSerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in apiOptions.TrustedProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        services.AddSingleton<AppInfo>();
        services.AddSingleton<HealthDetailsAccess>();
        services.AddEndpointGroups();
        return services;
    }

    public static IServiceCollection AddVezaCors(this IServiceCollection services, ApiOptions apiOptions, IHostEnvironment environment) =>
        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            policy.SetIsOriginAllowed(origin => apiOptions.CorsAllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase)
                    || (environment.IsDevelopment() && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback))
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders(RequestContextMiddleware.HeaderName, "Retry-After");
        }));

    /// <summary>The middleware, in the one order that works: read the comments before moving a line.</summary>
    public static WebApplication UseVezaPipeline(this WebApplication app, ApiOptions apiOptions)
    {
        // Forwarded headers only from configured proxies: without any, the middleware is not installed at all.
        if (apiOptions.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestContextMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ErrorMappingMiddleware>();
        // Before routing and everything else, so every response, error envelopes and 404s included, closes its
        // connection while the node drains, and a refused hub connection costs nothing more.
        app.UseMiddleware<DrainingMiddleware>();
        // After error mapping, so routing failures leave as the envelope; before everything that reads the
        // endpoint's metadata (body limit, CORS, rate-limit policy, authorization).
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseCors();
        // Outside Development only when configured (Api:Swagger:Enabled): the description maps every route for an attacker.
        if (apiOptions.Swagger.IsEnabled(app.Environment))
        {
            app.UseVezaSwagger();
        }

        app.UseAuthentication();
        // After authentication, so the per-user limit knows the user.
        app.UseMiddleware<RateLimitingMiddleware>();
        // After routing (it reads the endpoint's AllowedDuringMaintenance mark) and rate limiting.
        app.UseMiddleware<MaintenanceModeMiddleware>();
        app.UseAuthorization();
        return app;
    }

    private static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Names only: an enum sent as a number ("profile": 1) is a 400, as the contract lists names.
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }
}
