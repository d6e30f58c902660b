using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Veza.Api.Startup;

namespace Veza.Api.OpenApi;

public static class SwaggerSetup
{
    public const string BearerScheme = "Bearer";

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

    public static IApplicationBuilder UseVezaSwagger(this IApplicationBuilder app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Veza API v1");
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
