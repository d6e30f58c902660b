using System.Text.Json.Nodes;
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
                License = new OpenApiLicense { Name = "Proprietary: all rights reserved" },
            });
            // Relative: the API answers where this document is served (build/run.sh: http://127.0.0.1:8080).
            options.AddServer(new OpenApiServer { Url = "/", Description = "The host serving this document" });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access_token from register, login or refresh (valid 15 minutes).",
            });
            options.OperationFilter<BearerRequirementOperationFilter>();
            options.OperationFilter<AcceptsBodyOperationFilter>();
            options.SchemaFilter<ExampleSchemaFilter>();
            options.DocumentFilter<TagDescriptions>();
            options.SchemaFilter<NullableReferenceSchemaFilter>();
            options.SchemaFilter<ResponseFieldsRequired.Record>();
            options.DocumentFilter<ResponseFieldsRequired>();
            // Free-form JSON (a notification's payload): any object, not the JsonNode class's own properties.
            options.MapType<JsonNode>(() => new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Free-form JSON object." });
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

    /// <summary>
    /// Marks the operations that need a token with the bearer scheme, and anonymous ones with the empty
    /// requirement (`security: [{}]`: no credentials), so every operation says which it is and only the
    /// protected ones show a lock. A HEAD mapped with its GET gets its own operationId.
    /// </summary>
    private sealed class BearerRequirementOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (HttpMethods.IsHead(context.ApiDescription.HttpMethod ?? "") && operation.OperationId is { } id)
            {
                operation.OperationId = "Head" + id;
            }

            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()];
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
