using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Veza.Api.OpenApi;

/// <summary>
/// Documents a strictly read JSON body as the record it is read into. Those endpoints bind the body as a
/// <see cref="JsonElement"/> (then <c>StrictJson.Read</c>) and name the record with <c>.Accepts&lt;T&gt;</c>, but
/// ASP.NET Core's API explorer ignores the Accepts type when the handler has a body parameter of its own, so
/// without this the request body is an empty schema (<c>{}</c>, typed <c>unknown</c> by the client).
/// </summary>
public sealed class AcceptsBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var body = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is null || (body.Type != typeof(JsonElement) && body.Type != typeof(JsonElement?)))
        {
            return;
        }

        var accepts = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().LastOrDefault();
        if (accepts?.RequestType is not { } requestType || requestType == typeof(JsonElement) || operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        foreach (var (contentType, mediaType) in content)
        {
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                mediaType.Schema = context.SchemaGenerator.GenerateSchema(requestType, context.SchemaRepository);
            }
        }
    }
}
