using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Veza.Api.Startup;

namespace Veza.Api.OpenApi;

public static class SwaggerSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>Where Swagger UI and the OpenAPI documents are served.</summary>
    public const string RoutePrefix = "swagger";

    private static readonly string[] DocumentExtensions = [".json", ".yaml", ".yml"];

    public static IServiceCollection AddVezaSwagger(this IServiceCollection services)
    {
        services.AddApiImplementationsOf<IOpenApiExamples>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Veza API",
                Version = "v1",
                Description = "Audio community backend. Every response is an envelope: {success, data, message, meta} or {success: false, error: {code, message, details}, meta}. JSON is snake_case. Authenticate with the Authorize button: paste the access_token from /api/v1/auth/login.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access_token from register, login or refresh (valid 15 minutes).",
            });
            options.OperationFilter<BearerRequirementOperationFilter>();
            options.SchemaFilter<ExampleSchemaFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, "Veza.Api.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    /// <summary>Swagger UI's page and assets, as opposed to the OpenAPI documents beside them (plain data).</summary>
    public static bool IsUiPath(PathString path) =>
        path.StartsWithSegments("/" + RoutePrefix, StringComparison.OrdinalIgnoreCase)
        && !DocumentExtensions.Any(extension => path.Value!.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    public static IApplicationBuilder UseVezaSwagger(this IApplicationBuilder app)
    {
        app.UseSwagger(options => options.RouteTemplate = RoutePrefix + "/{documentName}/swagger.{extension:regex(^(json|ya?ml)$)}");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = RoutePrefix;
            options.SwaggerEndpoint($"/{RoutePrefix}/v1/swagger.json", "Veza API v1");
            options.DocumentTitle = "Veza API";
            options.EnablePersistAuthorization();
        });
        return app;
    }

    /// <summary>Marks only the operations that need a token, so anonymous ones show no lock.</summary>
    private sealed class BearerRequirementOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
            });
        }
    }
}
