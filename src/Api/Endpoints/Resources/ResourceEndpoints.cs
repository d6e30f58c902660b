using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Common.Storage;
using Veza.Application.Resources;
using Veza.Application.Resources.Commands.AddResourceVersion;
using Veza.Application.Resources.Commands.CreateResource;
using Veza.Application.Resources.Commands.DeleteResource;
using Veza.Application.Resources.Commands.DeleteResourceVersion;
using Veza.Application.Resources.Commands.DownloadResource;
using Veza.Application.Resources.Commands.RevokeResourcePermission;
using Veza.Application.Resources.Commands.SetResourcePermission;
using Veza.Application.Resources.Commands.UpdateResource;
using Veza.Application.Resources.Queries.GetResource;
using Veza.Application.Resources.Queries.GetResourceWaveform;
using Veza.Application.Resources.Queries.ListResourcePermissions;
using Veza.Application.Resources.Queries.ListResources;
using Veza.Application.Resources.Queries.ListResourceVersions;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Resources;

/// <summary>Shared resources (issue 15): samples, presets, stems, projects and documents with versions and per-user grants.</summary>
public sealed class ResourceEndpoints : IEndpointGroup
{
    private const string Access =
        "Who may do what: the owner everything; public resources every signed-in user may view and download; shared ones only the users granted " +
        "a level (view, download or edit, each including the ones before); private ones only the owner (grants wait until it is shared or public " +
        "again); editors change the fields (not the visibility) and add versions; admins may view, download and delete anything. A resource you " +
        "may not view answers 404; one you may view but not act on, 403.";

    private static readonly StreamedUploadSpec CreateForm = new(
        ["title", "description", "kind", "tags", "visibility"], new Dictionary<string, long>(),
        "The file must be the last part of the form: send title, description, kind, tags and visibility before it.");

    private static readonly StreamedUploadSpec VersionForm = new(["changelog"], new Dictionary<string, long>(), "The file must be the last part of the form: send changelog before it.");

    public void Map(IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/api/v1/shared-resources").WithTags("Shared resources").RequireAuthorization();

        resources.MapPost("", CreateAsync)
            .WithName("CreateSharedResource")
            .WithSummary("Share a file")
            .WithDescription(
                "multipart/form-data, streamed to storage as it arrives. Parts, in this order: `title` (default: the file name without its extension), " +
                "`description`, `kind` (required: sample | preset | stem | project | document | other), `tags` (a comma list, at most 10), `visibility` " +
                "(public | private | shared, default public); then `file`, the LAST part. Any file is accepted and recorded for what its bytes are " +
                "(format: wav, flac, mp3, ogg, opus, aac, m4a, midi, zip, gzip, pdf, png, jpeg, webp, text or binary); programs (executables, scripts) " +
                "are 415. Audio gets its duration and a waveform shortly after (duration_seconds, waveform_url). The size limit is SharedResources:MaxFileBytes " +
                "(default 200 MB, 413 PAYLOAD_TOO_LARGE) and the file counts in your storage quota (413 QUOTA_EXCEEDED; GET /api/v1/users/me/quota). " +
                "Answers 201 with the resource (version 1) and Location. Nothing is kept of a refused or interrupted upload.")
            .Accepts<CreateResourceForm>("multipart/form-data")
            .DisableAntiforgery()
            .WithUploadBodyLimit(256 * 1024, sp => sp.GetRequiredService<ResourceSettings>().MaxFileBytes)
            .DocumentsVerifiedEmailRequirement()
            .ProducesErrors(400, 401, 403, 413, 415, 429);

        resources.MapGet("", async ([AsParameters] ResourceListParameters p, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListResourcesQuery(PageRequest.From(p.Page, p.Limit), p.Q, p.Kind, p.Tag, p.UserId, p.Sort), ct)))
            .WithName("ListSharedResources")
            .WithSummary("Shared resources you may view")
            .WithDescription("Public ones, yours, and those shared with you; filtered by q (in the title or description, case-insensitive), kind, tag, user_id (the owner); sort new (default) | downloads. Paged. access in each says what you may do.")
            .ProducesErrors(400, 401, 429);

        resources.MapGet("/shared-with-me", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListResourcesQuery(PageRequest.From(page, limit), SharedWithMe: true), ct)))
            .WithName("ListResourcesSharedWithMe")
            .WithSummary("Resources others granted you")
            .WithDescription("Resources someone shared with you by a grant (any level), newest first, whatever their visibility but private. Paged.")
            .ProducesErrors(400, 401, 429);

        resources.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetResourceQuery(id), ct)))
            .WithName("GetSharedResource")
            .WithSummary("A shared resource")
            .WithDescription($"With its latest version and what you may do with it (access: view | download | edit | own). {Access}")
            .ProducesErrors(401, 404, 429);

        resources.MapPut("/{id:guid}", async (Guid id, JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
            {
                var body = StrictJson.Read<UpdateResourceBody>(json, options.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateResourceCommand(id, body.Title, body.Description, body.Kind, body.Tags, body.Visibility), ct), "Resource updated.");
            })
            .Accepts<UpdateResourceBody>("application/json")
            .WithName("UpdateSharedResource")
            .WithSummary("Change a resource's fields (owner and editors)")
            .WithDescription($"Fields given are changed: title (1-120), description, kind, tags (an array, at most 10), visibility (the owner only: 403 for editors). {Access}")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        resources.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteResourceCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteSharedResource")
            .WithSummary("Delete a resource and every version (owner or admin)")
            .WithDescription($"Its files are removed and the space returns to the owner's quota. {Access}")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 409, 429);

        resources.MapGet("/{id:guid}/permissions", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ListResourcePermissionsQuery(id), ct)))
            .WithName("ListSharedResourcePermissions")
            .WithSummary("Who a resource is shared with (owner and admins)")
            .WithDescription($"Each grant: the user, the level (view | download | edit) and when it was given. {Access}")
            .ProducesErrors(401, 403, 404, 429);

        resources.MapPut("/{id:guid}/permissions", async (Guid id, JsonElement json, IOptions<JsonOptions> options, IMediator mediator, CancellationToken ct) =>
            {
                var body = StrictJson.Read<ResourcePermissionBody>(json, options.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new SetResourcePermissionCommand(id, body.UserId, body.Level), ct), "Permission saved.");
            })
            .Accepts<ResourcePermissionBody>("application/json")
            .WithName("SetSharedResourceGrant")
            .WithSummary("Grant a user a level, or change it (owner)")
            .WithDescription($"{{user_id, level: view | download | edit}}. An unknown user is 400; the owner themself 422. {Access}")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        resources.MapDelete("/{id:guid}/permissions/{userId:guid}", async (Guid id, Guid userId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeResourcePermissionCommand(id, userId), ct);
                return Results.NoContent();
            })
            .WithName("RevokeSharedResourceGrant")
            .WithSummary("Take a user's grant away (owner)")
            .WithDescription($"404 when the user had none. {Access}")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 409, 429);

        resources.MapPost("/{id:guid}/versions", AddVersionAsync)
            .WithName("AddSharedResourceVersion")
            .WithSummary("Upload a new version (owner and editors)")
            .WithDescription(
                "multipart/form-data, streamed: `changelog` (optional, at most 2,000 characters), then `file`, the LAST part. Numbered after the last " +
                "version ever made (numbers are never reused); older versions stay until the owner deletes them. The same formats and limits as " +
                $"creating one; the bytes count in the owner's quota. Answers 201 with the version. {Access}")
            .Accepts<AddResourceVersionForm>("multipart/form-data")
            .DisableAntiforgery()
            .WithUploadBodyLimit(256 * 1024, sp => sp.GetRequiredService<ResourceSettings>().MaxFileBytes)
            .DocumentsVerifiedEmailRequirement()
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        resources.MapGet("/{id:guid}/versions", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ListResourceVersionsQuery(id), ct)))
            .WithName("ListSharedResourceVersions")
            .WithSummary("Every version, newest first")
            .WithDescription($"Each with its number, file name, format, size, SHA-256, changelog, who made it and when, and its download URL. {Access}")
            .ProducesErrors(401, 404, 429);

        resources.MapGet("/{id:guid}/download", (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) => DownloadAsync(id, null, http, mediator, ct))
            .WithName("DownloadSharedResource")
            .WithSummary("Download the latest version")
            .WithDescription(DownloadDescription)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesErrors(401, 403, 404, 416, 429);

        resources.MapGet("/{id:guid}/versions/{number:int}/download", (Guid id, int number, HttpContext http, IMediator mediator, CancellationToken ct) =>
                DownloadAsync(id, number, http, mediator, ct))
            .WithName("DownloadSharedResourceVersion")
            .WithSummary("Download one version")
            .WithDescription(DownloadDescription)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesErrors(401, 403, 404, 416, 429);

        resources.MapDelete("/{id:guid}/versions/{number:int}", async (Guid id, int number, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteResourceVersionCommand(id, number), ct);
                return Results.NoContent();
            })
            .WithName("DeleteSharedResourceVersion")
            .WithSummary("Delete one version (owner)")
            .WithDescription($"Its file goes and its space returns to the quota; the newest left becomes the latest. The only version left is 422 INVALID_STATE: delete the resource. {Access}")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 409, 422, 429);

        resources.MapGet("/{id:guid}/versions/{number:int}/waveform", async (Guid id, int number, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new GetResourceWaveformQuery(id, number), ct);
                http.Response.RegisterForDisposeAsync(file);
                return Results.Stream(file.Content, "application/json");
            })
            .WithName("GetSharedResourceWaveform")
            .WithSummary("An audio version's waveform")
            .WithDescription("{peaks: [[min, max], ...], duration}, once the audio has been probed (404 before, and for anything not audio).")
            .Produces<WaveformDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesErrors(401, 404, 429);
    }

    private const string DownloadDescription =
        "The file as an attachment under its (cleaned) name, with its recorded content type, nosniff, an ETag and Range support (206, 416). " +
        "Counted once per user, version and day (download_count), however often it is fetched or resumed. 403 when you may view but not download it.";

    internal static async Task<ApiCreatedResult<SharedResourceDto>> CreateAsync(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        await using var form = await StreamedUploadForm.ReadUntilFileAsync(request, CreateForm, ct);
        var resource = await mediator.Send(
            new CreateResourceCommand(form.File, form.FileName, form.AnnouncedLength, form.Field("title"), form.Field("description"), form.Field("kind"),
                form.Field("tags"), form.Field("visibility")),
            ct);
        return ApiResults.Created(ResourceUrls.Resource(resource.Id), resource, "Resource shared.");
    }

    internal static async Task<ApiCreatedResult<ResourceVersionDto>> AddVersionAsync(Guid id, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        await using var form = await StreamedUploadForm.ReadUntilFileAsync(request, VersionForm, ct);
        var version = await mediator.Send(new AddResourceVersionCommand(id, form.File, form.FileName, form.AnnouncedLength, form.Field("changelog")), ct);
        return ApiResults.Created(version.DownloadUrl, version, $"Version {version.Number} added.");
    }

    private static async Task<IResult> DownloadAsync(Guid id, int? number, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var download = await mediator.Send(new DownloadResourceCommand(id, number), ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.RegisterForDisposeAsync(download);
        return Results.File(download.Content.Content, download.ContentType, download.FileName, download.LastModified,
            new Microsoft.Net.Http.Headers.EntityTagHeaderValue(download.ETag), enableRangeProcessing: true);
    }
}

/// <summary>The query string of GET /shared-resources.</summary>
public sealed record ResourceListParameters(int? Page, int? Limit, string? Q, string? Kind, string? Tag, [property: FromQuery(Name = "user_id")] Guid? UserId, string? Sort);

/// <summary>The fields of PUT /shared-resources/{id}; those left out stay.</summary>
public sealed record UpdateResourceBody(string? Title = null, string? Description = null, string? Kind = null, IReadOnlyList<string>? Tags = null, string? Visibility = null);

public sealed record ResourcePermissionBody(Guid? UserId = null, string? Level = null);

/// <summary>The parts of POST /api/v1/shared-resources, in the order they must be sent (for Swagger; the endpoint reads the body as a stream).</summary>
public sealed class CreateResourceForm
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>sample | preset | stem | project | document | other.</summary>
    public string? Kind { get; init; }

    /// <summary>A comma list.</summary>
    public string? Tags { get; init; }

    /// <summary>public (default) | private | shared.</summary>
    public string? Visibility { get; init; }

    /// <summary>The file: the last part.</summary>
    public IFormFile? File { get; init; }
}

/// <summary>The parts of POST /api/v1/shared-resources/{id}/versions, in order.</summary>
public sealed class AddResourceVersionForm
{
    public string? Changelog { get; init; }

    /// <summary>The file: the last part.</summary>
    public IFormFile? File { get; init; }
}
