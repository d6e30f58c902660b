using Veza.Application.Common.Models;
using System.Reflection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;

namespace Veza.Api.Http;

/// <summary>Carried by every response, success or error.</summary>
public sealed record ApiMeta(string RequestId, DateTimeOffset Timestamp, string Version)
{
    public const string ApiVersion = "v1";

    public static ApiMeta For(HttpContext context) =>
        new(context.TraceIdentifier, context.RequestServices.GetRequiredService<IClock>().UtcNow, ApiVersion);
}

/// <summary>The success envelope.</summary>
public sealed record ApiResponse<T>(bool Success, T Data, string? Message, ApiMeta Meta);

/// <summary>The error envelope: a stable machine code, a human message and, for validation, per-field details.</summary>
public sealed record ApiErrorResponse(bool Success, ApiError Error, ApiMeta Meta);

public sealed record ApiError(string Code, string Message, IReadOnlyList<FieldError>? Details);

/// <summary>Builds the success envelopes so endpoints stay one-liners; the meta is filled when the result executes.</summary>
public static class ApiResults
{
    public static ApiResult<T> Ok<T>(T data, string? message = null) => new(data, message);

    public static ApiCreatedResult<T> Created<T>(string location, T data, string? message = null) => new(location, data, message);

    /// <summary>202: the request was taken and its work (an email) happens later.</summary>
    public static ApiAcceptedResult<T> Accepted<T>(T data, string? message = null) => new(null, data, message);

    /// <summary>202: the request was taken and work on it continues (a status field says where it stands); Location is where to follow it.</summary>
    public static ApiAcceptedResult<T> Accepted<T>(string location, T data, string? message = null) => new(location, data, message);

    public static ApiPageResult<T> Page<T>(PagedResult<T> page, string? message = null) => new(page, message);

    /// <summary>Writes any envelope with the API's JSON settings (snake_case), so success and error bodies cannot drift apart.</summary>
    internal static Task WriteEnvelopeAsync<TEnvelope>(HttpContext context, int status, TEnvelope envelope)
    {
        context.Response.StatusCode = status;
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return context.Response.WriteAsJsonAsync(envelope, options, context.RequestAborted);
    }

    internal static Task WriteSuccessAsync<T>(HttpContext context, int status, T data, string? message) =>
        WriteEnvelopeAsync(context, status, new ApiResponse<T>(true, data, message, ApiMeta.For(context)));

    /// <summary>Documents the success envelope from the endpoint's return type, so the declared response cannot drift from the written one.</summary>
    internal static void Describe<T>(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ApiResponse<T>), ["application/json"]));
}

/// <summary>200 with the success envelope.</summary>
public sealed class ApiResult<T>(T data, string? message) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public T Value => data;

    public string? Message => message;

    public Task ExecuteAsync(HttpContext httpContext) => ApiResults.WriteSuccessAsync(httpContext, StatusCode, data, message);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ApiResults.Describe<T>(builder, StatusCodes.Status200OK);
}

/// <summary>201 with a Location header and the success envelope.</summary>
public sealed class ApiCreatedResult<T>(string location, T data, string? message) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status201Created;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string Location => location;

    public T Value => data;

    public string? Message => message;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location;
        return ApiResults.WriteSuccessAsync(httpContext, StatusCode, data, message);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ApiResults.Describe<T>(builder, StatusCodes.Status201Created);
}

/// <summary>202 with the success envelope, and a Location header when there is a resource to follow.</summary>
public sealed class ApiAcceptedResult<T>(string? location, T data, string? message) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status202Accepted;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string? Location => location;

    public T Value => data;

    public string? Message => message;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        return ApiResults.WriteSuccessAsync(httpContext, StatusCode, data, message);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ApiResults.Describe<T>(builder, StatusCodes.Status202Accepted);
}

/// <summary>The success envelope of a list page: data is the items, pagination says where they sit.</summary>
public sealed record PagedApiResponse<T>(bool Success, IReadOnlyList<T> Data, Pagination Pagination, string? Message, ApiMeta Meta);

public sealed record Pagination(int Page, int Limit, long Total, int TotalPages, bool HasNext, bool HasPrev)
{
    public static Pagination From<T>(PagedResult<T> page) => new(page.Page, page.Limit, page.Total, page.TotalPages, page.HasNext, page.HasPrev);
}

/// <summary>200 with the paged envelope.</summary>
public sealed class ApiPageResult<T>(PagedResult<T> page, string? message) : IResult, IStatusCodeHttpResult, IValueHttpResult<PagedResult<T>>, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public PagedResult<T> Value => page;

    public Task ExecuteAsync(HttpContext httpContext) =>
        ApiResults.WriteEnvelopeAsync(httpContext, StatusCode, new PagedApiResponse<T>(true, page.Items, Pagination.From(page), message, ApiMeta.For(httpContext)));

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PagedApiResponse<T>), ["application/json"]));
}
