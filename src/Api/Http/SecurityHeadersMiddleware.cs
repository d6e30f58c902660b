using Microsoft.Extensions.Options;
using Veza.Api.OpenApi;

namespace Veza.Api.Http;

public sealed class SecurityHeadersMiddleware(RequestDelegate next, IHostEnvironment environment, IOptions<ApiOptions> options)
{
    /// <summary>The API answers JSON: a response rendered as a page (a sniffed upload, an error) may load nothing and be framed by nobody.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Swagger UI's page, scripts, styles and the document it fetches all come from this origin, and
    /// Swashbuckle's index.html has no inline script; swagger-ui sets inline styles, and its CSS draws
    /// icons from data: URIs.
    /// </summary>
    public const string SwaggerUiContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

    private readonly bool _servesSwagger = options.Value.Swagger.IsEnabled(environment);

    public Task InvokeAsync(HttpContext context)
    {
        var policy = _servesSwagger && SwaggerSetup.IsUiPath(context.Request.Path) ? SwaggerUiContentSecurityPolicy : ApiContentSecurityPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = policy;
            if (headers.CacheControl.Count == 0)
            {
                // Tokens and personal data must not stay in browser or proxy caches; an endpoint whose
                // content may be cached (public audio, say) sets its own Cache-Control.
                headers.CacheControl = "no-store";
            }

            if (!environment.IsDevelopment())
            {
                // Production sits behind TLS (directly or at the proxy); development runs on plain http.
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
