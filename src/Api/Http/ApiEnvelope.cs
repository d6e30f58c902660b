using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
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

/// <summary>The success envelope of a list page.</summary>
public sealed record PagedApiResponse<T>(bool Success, IReadOnlyList<T> Data, Pagination Pagination, string? Message, ApiMeta Meta);

public sealed record Pagination(int Page, int Limit, long Total, int TotalPages, bool HasNext, bool HasPrev)
{
    public static Pagination From<T>(PagedResult<T> page) => new(page.Page, page.Limit, page.Total, page.TotalPages, page.HasNext, page.HasPrev);
}

/// <summary>The error envelope: a stable machine code, a human message and, for validation, per-field details.</summary>
public sealed record ApiErrorResponse(bool Success, ApiError Error, ApiMeta Meta);

public sealed record ApiError(string Code, string Message, IReadOnlyList<FieldError>? Details);

/// <summary>Builds the envelopes so endpoints stay one-liners.</summary>
public static class ApiResults
{
    public static IResult Ok<T>(HttpContext context, T data, string? message = null) =>
        TypedResults.Ok(new ApiResponse<T>(true, data, message, ApiMeta.For(context)));

    public static IResult Created<T>(HttpContext context, string location, T data, string? message = null) =>
        TypedResults.Created(location, new ApiResponse<T>(true, data, message, ApiMeta.For(context)));

    public static IResult Page<T>(HttpContext context, PagedResult<T> page, string? message = null) =>
        TypedResults.Ok(new PagedApiResponse<T>(true, page.Items, Pagination.From(page), message, ApiMeta.For(context)));
}
