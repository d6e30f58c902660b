using MediatR;
using Microsoft.Net.Http.Headers;
using Veza.Api.Http;
using Veza.Application.Common.Exceptions;
using Veza.Application.Users.Avatars;
using Veza.Application.Users.Avatars.Commands.RemoveAvatar;
using Veza.Application.Users.Avatars.Commands.UploadAvatar;
using Veza.Application.Users.Avatars.Queries.GetUserAvatar;
using Veza.Domain.Media;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Avatars;

public sealed class AvatarEndpoints : IEndpointGroup
{
    /// <summary>The file's limit plus room for the multipart framing (boundaries, part headers).</summary>
    public const long UploadBodyLimit = AvatarRules.MaxFileBytes + (64 * 1024);

    /// <summary>A URL that names the version never changes content, so it may be cached for good.</summary>
    public const string PinnedCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Without the version the content changes with each upload: caches revalidate (a 304 is cheap).</summary>
    public const string UnpinnedCacheControl = "public, no-cache";

    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/users/me").WithTags("Avatars").RequireAuthorization();

        me.MapPut("/avatar", UploadAsync)
            .WithName("UploadMyAvatar")
            .WithSummary("Set or replace the caller's avatar")
            .WithDescription(
                "multipart/form-data with one file field `file`: a PNG, JPEG or WebP image (recognised by its bytes, not its name or declared type), " +
                $"at most {AvatarRules.MaxFileBytes} bytes and {AvatarRules.MaxSourceSide} pixels on a side. It is centre-cropped to a square and " +
                $"re-encoded as WebP at {AvatarRules.LargeSize} and {AvatarRules.SmallSize} pixels with all metadata (EXIF, GPS) removed. " +
                "415 UNSUPPORTED_MEDIA_TYPE: not one of those formats, or not decodable (a renamed or truncated file). " +
                "413 PAYLOAD_TOO_LARGE: over the size limit. 400 VALIDATION_ERROR (field `file`): missing, empty, or dimensions over the limit " +
                "(refused before decoding). The previous avatar's URLs stop working.")
            .DisableAntiforgery()
            .WithRequestBodyLimit(UploadBodyLimit)
            .ProducesErrors(400, 401, 413, 415, 429);

        me.MapDelete("/avatar", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new RemoveAvatarCommand(), ct), "Avatar removed."))
            .WithName("RemoveMyAvatar")
            .WithSummary("Remove the caller's avatar")
            .WithDescription("Idempotent: `removed` is false when there was none. Its URLs answer 404 afterwards.")
            .ProducesErrors(401, 429);

        app.MapGet("/api/v1/users/{id:guid}/avatar", GetAsync)
            .WithTags("Avatars")
            .AllowAnonymous()
            .WithName("GetUserAvatar")
            .WithSummary("A user's avatar image")
            .WithDescription(
                $"The image bytes (image/webp) of size {AvatarRules.LargeSize} (default) or {AvatarRules.SmallSize}, for anyone. " +
                "ETag is the avatar's version; If-None-Match with it answers 304. With `v` equal to the current version (as in the URLs the API " +
                $"gives) the response is cacheable for a year (`{PinnedCacheControl}`); without it, `{UnpinnedCacheControl}`. " +
                "404 NOT_FOUND when the user has no avatar; 400 VALIDATION_ERROR for another size.")
            .Produces<Stream>(StatusCodes.Status200OK, ImageFormats.ContentType(AvatarRules.Format))
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(400, 404, 429);
    }

    internal static async Task<ApiResult<AvatarDto>> UploadAsync(IFormFile? file, IMediator mediator, CancellationToken ct)
    {
        if (file is null)
        {
            throw new RequestValidationException([new FieldError("file", "Send the image as the multipart form field 'file'.")]);
        }

        if (file.Length > AvatarRules.MaxFileBytes)
        {
            throw new FileTooLargeException(AvatarRules.MaxFileBytes);
        }

        // The form reader has already spooled a large file to a temporary file (never whole in memory).
        await using var content = file.OpenReadStream();
        return ApiResults.Ok(await mediator.Send(new UploadAvatarCommand(content, file.Length), ct), "Avatar updated.");
    }

    internal static async Task<IResult> GetAsync(Guid id, int? size, string? v, HttpContext context, IMediator mediator, CancellationToken ct)
    {
        var avatar = await mediator.Send(new GetUserAvatarQuery(id, size ?? AvatarRules.LargeSize), ct);
        var etag = new EntityTagHeaderValue($"\"{avatar.Version:N}\"");
        var headers = context.Response.Headers;
        headers.CacheControl = Guid.TryParse(v, out var pinned) && pinned == avatar.Version ? PinnedCacheControl : UnpinnedCacheControl;
        headers.ETag = etag.ToString();

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            await avatar.DisposeAsync();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // Results.Stream disposes the file once it is sent.
        return Results.Stream(avatar.File.Content, avatar.ContentType, lastModified: avatar.UpdatedAt, entityTag: etag);
    }
}
