using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Gear;
using Veza.Application.Gear.Files.Commands.DeleteFile;
using Veza.Application.Gear.Files.Commands.UpdateFile;
using Veza.Application.Gear.Files.Commands.UploadGearFile;
using Veza.Application.Gear.Files.Queries.GetFile;
using Veza.Application.Gear.Files.Queries.OpenFile;
using Veza.Application.Gear.Owned.Commands.DeleteGear;
using Veza.Application.Gear.Owned.Commands.RecordGear;
using Veza.Application.Gear.Owned.Commands.UpdateGear;
using Veza.Application.Gear.Owned.Queries.ListMyGear;
using Veza.Application.Gear.Owned.Queries.ListWarranties;
using Veza.Application.Gear.Products.Commands.CreateProduct;
using Veza.Application.Gear.Products.Commands.DeleteProduct;
using Veza.Application.Gear.Products.Commands.UpdateProduct;
using Veza.Application.Gear.Products.Commands.UploadProductDocument;
using Veza.Application.Gear.Products.Queries.GetProduct;
using Veza.Application.Gear.Products.Queries.ListProducts;
using Veza.Application.Gear.Products.Queries.SearchProducts;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Gear;

/// <summary>Gear (issue 14): the public catalog, admins' catalog writes, people's own gear (theirs alone: others get 404) and its files.</summary>
public sealed class GearEndpoints : IEndpointGroup
{
    private const string FileFormats = "PDF, PNG, JPEG, WebP or plain UTF-8 text, recognised by the bytes whatever the name or declared type (HTML, SVG, archives and the rest: 415).";

    public void Map(IEndpointRouteBuilder app)
    {
        // The request body limits follow the configured file limits (plus room for the multipart framing).
        var limits = app.ServiceProvider.GetRequiredService<GearSettings>();
        var products = app.MapGroup("/api/v1/products").WithTags("Catalog").AllowAnonymous();

        products.MapGet("/search", async (string? q, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new SearchProductsQuery(q ?? string.Empty, limit ?? SearchProductsQuery.DefaultLimit), ct)))
            .WithName("SearchProducts")
            .WithSummary("Search the catalog (typo-tolerant)")
            .WithDescription("Public. q (2-100 characters) against name, brand and model, case-insensitive trigram word similarity: \"focusrit scarlet\" finds Focusrite Scarlett. Best first with score 0-1; active products only. limit 1-50, default 10.")
            .ProducesErrors(400, 429);

        products.MapGet("", async (int? page, int? limit, Guid? category, string? brand, string? sort, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListProductsQuery(PageRequest.From(page, limit), category, brand, sort), ct)))
            .WithName("ListProducts")
            .WithSummary("Browse the catalog")
            .WithDescription("Public. Active products, by category (with its sub-categories; unknown: 400) and brand (exact, any case); sort name (default) | brand | newest. Paged.")
            .ProducesErrors(400, 429);

        products.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetProductQuery(id), ct)))
            .WithName("GetProduct")
            .WithSummary("A catalog product with its specifications and documents")
            .WithDescription("Public (discontinued products too: people still own them). specifications is the admin's JSON object as given; documents download through GET /api/v1/files/{id}/download.")
            .ProducesErrors(404, 429);

        products.MapGet("/{id:guid}/documents", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new ListProductDocumentsQuery(id), ct)))
            .WithName("ListProductDocuments")
            .WithSummary("A product's catalog documents")
            .WithDescription("Public: manuals and other manufacturer documents, oldest first.")
            .ProducesErrors(404, 429);

        var admin = app.MapGroup("/api/v1/admin/products").WithTags("Admin: catalog").RequireAuthorization();

        admin.MapGet("", async (int? page, int? limit, Guid? category, string? brand, string? sort, string? status, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListAdminProductsQuery(PageRequest.From(page, limit), category, brand, sort, status), ct)))
            .WithName("ListAdminProducts")
            .WithSummary("The whole catalog (admin)")
            .WithDescription("As GET /products, discontinued products included; status active | discontinued picks one.")
            .ProducesErrors(400, 401, 403, 429);

        admin.MapPost("", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<ProductBody>(body, json.Value.SerializerOptions);
                var product = await mediator.Send(new CreateProductCommand(f.Name, f.CategoryId, f.Brand, f.Model, f.Description, f.Price, f.Currency, f.WarrantyMonths,
                    f.WarrantyConditions, f.ManufacturerWebsite, f.SpecificationsJson, f.Status), ct);
                return ApiResults.Created($"/api/v1/products/{product.Id}", product, "Product created.");
            })
            .Accepts<ProductBody>("application/json")
            .WithName("CreateProduct")
            .WithSummary("Add a product to the catalog (admin)")
            .WithDescription("name (required, 1-200), category_id (required; unknown: 400), brand (required, 1-100), model, description, price and currency (as in the marketplace: \"199.00\" and an ISO 4217 code), warranty_months 0-240, warranty_conditions, manufacturer_website (http or https), specifications (a JSON object, at most 16 KB), status active | discontinued (default active).")
            .ProducesErrors(400, 401, 403, 413, 415, 422, 429);

        admin.MapPut("/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<ProductBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateProductCommand(id, f.Name, f.CategoryId, f.Brand, f.Model, f.Description, f.Price, f.Currency, f.WarrantyMonths,
                    f.WarrantyConditions, f.ManufacturerWebsite, f.SpecificationsJson, f.Status), ct), "Product updated.");
            })
            .Accepts<ProductBody>("application/json")
            .WithName("UpdateProduct")
            .WithSummary("Change a catalog product (admin)")
            .WithDescription("The fields present change, the others stay (an empty model, description, warranty_conditions or manufacturer_website clears it). status discontinued keeps it for the people who own it but out of search and lists.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        admin.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteProductCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteProduct")
            .WithSummary("Delete a product nobody owns (admin)")
            .WithDescription("204, its documents with it. A product people record as their gear: 409 CONFLICT (discontinue it instead).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 409, 429);

        admin.MapPost("/{id:guid}/documents", async (Guid id, IFormFile? file, [FromForm] string? type, IMediator mediator, GearSettings settings, CancellationToken ct) =>
            {
                var (content, length, name) = UploadedFiles.Open(file, settings.MaxDocumentBytes);
                await using (content)
                {
                    var document = await mediator.Send(new UploadProductDocumentCommand(id, type, name, content, length), ct);
                    return ApiResults.Created(document.DownloadUrl, document, "Document added.");
                }
            })
            .WithName("UploadProductDocument")
            .WithSummary("Add a catalog document to a product (admin)")
            .WithDescription($"multipart/form-data: file, type manual (default) | warranty | invoice | image | document. {FileFormats} At most {GearSettings.Default.MaxDocumentBytes} bytes (Gear:MaxDocumentBytes; 413 above).")
            .DisableAntiforgery()
            .WithRequestBodyLimit(limits.MaxDocumentBytes + (64 * 1024))
            .ProducesErrors(400, 401, 403, 404, 413, 415, 429);

        var gear = app.MapGroup("/api/v1/user-products").WithTags("My gear").RequireAuthorization();

        gear.MapGet("", async (int? page, int? limit, string? status, Guid? category, string? q, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListMyGearQuery(PageRequest.From(page, limit), status, category, q), ct)))
            .WithName("ListMyGear")
            .WithSummary("The caller's gear")
            .WithDescription("Newest first; status active | sold | broken | archived, category (with its sub-categories), q (product name, brand, model, serial, notes). Each with its product, warranty as of today (is_under_warranty, days_of_warranty_left: 0 on the last day, null once ended), files_count (the caller's files) and docs_count (the product's catalog documents). Paged.")
            .ProducesErrors(400, 401, 429);

        gear.MapPost("", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<GearBody>(body, json.Value.SerializerOptions);
                var entry = await mediator.Send(new RecordGearCommand(f.ProductId, f.Version, f.SerialNumber, f.PurchaseDate, f.PurchasePrice, f.Currency, f.WarrantyExpires, f.Notes), ct);
                return ApiResults.Created($"/api/v1/user-products/{entry.Id}", entry, "Gear recorded.");
            })
            .Accepts<GearBody>("application/json")
            .WithName("RecordGear")
            .WithSummary("Record a piece of gear the caller owns")
            .WithDescription("product_id (required; unknown: 400), version, serial_number, purchase_date (yyyy-MM-dd, not in the future), purchase_price and currency, warranty_expires (default: purchase_date plus the product's warranty months; 29 February plus a year is 28 February), notes. The same product and serial number twice: 409.")
            .ProducesErrors(400, 401, 409, 413, 415, 422, 429);

        gear.MapGet("/warranty", async (string? filter, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new ListWarrantiesQuery(filter), ct)))
            .WithName("ListWarranties")
            .WithSummary("The caller's warranties")
            .WithDescription($"Active gear with a warranty end, soonest first. filter active (default: not yet ended, today included) | expiring (ends within {GearSettings.Default.ExpiringDays} days from today, both days included; Gear:ExpiringDays) | expired (ended before today). Owners are notified (warranty_expiring) 30 and 7 days before the end, once each.")
            .ProducesErrors(400, 401, 429);

        gear.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetMyGearQuery(id), ct)))
            .WithName("GetMyGear")
            .WithSummary("One of the caller's gear entries")
            .WithDescription("Someone else's: 404 (not 403).")
            .ProducesErrors(401, 404, 429);

        gear.MapPut("/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<GearBody>(body, json.Value.SerializerOptions);
                if (f.ProductId is not null)
                {
                    throw new RequestValidationException([new FieldError("product_id", StrictJson.UnknownFieldMessage)]);
                }

                return ApiResults.Ok(await mediator.Send(new UpdateGearCommand(id, f.Version, f.SerialNumber, f.PurchaseDate, f.PurchasePrice, f.Currency, f.WarrantyExpires, f.Notes, f.Status), ct), "Gear updated.");
            })
            .Accepts<GearBody>("application/json")
            .WithName("UpdateMyGear")
            .WithSummary("Change one of the caller's gear entries")
            .WithDescription("The fields present change (an empty text clears it); status active | sold | broken | archived. The product cannot change (400). A new warranty end makes its reminders due again. Someone else's: 404.")
            .ProducesErrors(400, 401, 404, 409, 413, 415, 422, 429);

        gear.MapDelete("/{id:guid}", async (Guid id, [FromQuery(Name = "with_files")] bool? withFiles, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteGearCommand(id, withFiles ?? false), ct);
                return Results.NoContent();
            })
            .WithName("DeleteMyGear")
            .WithSummary("Delete one of the caller's gear entries")
            .WithDescription("204. With files still attached: 409 unless ?with_files=true, which deletes them too. Someone else's: 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 404, 409, 429);

        gear.MapGet("/{id:guid}/files", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new ListGearFilesQuery(id), ct)))
            .WithName("ListMyGearFiles")
            .WithSummary("The files of one of the caller's gear entries")
            .WithDescription("Oldest first. Someone else's entry: 404.")
            .ProducesErrors(401, 404, 429);

        gear.MapPost("/{id:guid}/files", async (Guid id, IFormFile? file, [FromForm] string? type, IMediator mediator, GearSettings settings, CancellationToken ct) =>
            {
                var (content, length, name) = UploadedFiles.Open(file, settings.MaxFileBytes);
                await using (content)
                {
                    var stored = await mediator.Send(new UploadGearFileCommand(id, type, name, content, length), ct);
                    return ApiResults.Created($"/api/v1/files/{stored.Id}", stored, "File stored.");
                }
            })
            .WithName("UploadMyGearFile")
            .WithSummary("Attach a file to one of the caller's gear entries")
            .WithDescription($"multipart/form-data: file, type manual | warranty | invoice | image | document (required). {FileFormats} At most {GearSettings.Default.MaxFileBytes} bytes (413), counted in the caller's storage quota with their tracks (413 QUOTA_EXCEEDED). The name is sanitised (no path, quotes or control characters; the extension is what the bytes are) and never used as a storage key. Images get a 256 px thumbnail; PDFs their page count. Someone else's entry: 404.")
            .DisableAntiforgery()
            .WithRequestBodyLimit(limits.MaxFileBytes + (64 * 1024))
            .ProducesErrors(400, 401, 404, 413, 415, 429);

        var files = app.MapGroup("/api/v1/files").WithTags("Files");

        files.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetFileQuery(id), ct)))
            .AllowAnonymous()
            .WithName("GetFile")
            .WithSummary("A file's metadata")
            .WithDescription("The owner's own file, or a catalog document for anyone; anything else: 404.")
            .ProducesErrors(404, 429);

        files.MapGet("/{id:guid}/download", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) => Send(http, await mediator.Send(new OpenFileQuery(id), ct), attachment: true))
            .AllowAnonymous()
            .WithName("DownloadFile")
            .WithSummary("A file's bytes, as an attachment")
            .WithDescription("The owner's own file, or a catalog document for anyone (others: 404). The stored Content-Type, Content-Disposition: attachment with an RFC 6266 filename* (UTF-8), X-Content-Type-Options: nosniff, an ETag (If-None-Match: 304) and byte ranges (206).")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(404, 416, 429);

        files.MapGet("/{id:guid}/thumbnail", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) => Send(http, await mediator.Send(new OpenFileQuery(id, Thumbnail: true), ct), attachment: false))
            .AllowAnonymous()
            .WithName("GetFileThumbnail")
            .WithSummary("An image file's 256 px thumbnail")
            .WithDescription("image/webp, for whoever may download the file; not an image: 404.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/webp")
            .ProducesErrors(404, 429);

        files.MapPut("/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<FileBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateFileCommand(id, f.Type, f.Filename), ct), "File updated.");
            })
            .RequireAuthorization()
            .Accepts<FileBody>("application/json")
            .WithName("UpdateFile")
            .WithSummary("Rename or re-file one of the caller's files")
            .WithDescription("type and/or filename (sanitised; the extension stays what the bytes are). Someone else's: 404.")
            .ProducesErrors(400, 401, 404, 413, 415, 429);

        files.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteFileCommand(id), ct);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .WithName("DeleteFile")
            .WithSummary("Delete a file")
            .WithDescription("204: the caller's own file, or a catalog document (admins; others: 403). Anything else: 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 429);
    }

    private static IResult Send(HttpContext http, GearFileContent file, bool attachment)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.RegisterForDisposeAsync(file);
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.File.Id:N}-{file.File.UpdatedAt.UtcTicks:x}\"");
        return Results.File(file.Content.Content, file.ContentType, attachment ? file.File.FileName : null, file.File.UpdatedAt, etag, enableRangeProcessing: true);
    }
}

public sealed record ProductBody(
    string? Name = null,
    Guid? CategoryId = null,
    string? Brand = null,
    string? Model = null,
    string? Description = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? Price = null,
    string? Currency = null,
    int? WarrantyMonths = null,
    string? WarrantyConditions = null,
    string? ManufacturerWebsite = null,
    JsonElement? Specifications = null,
    string? Status = null)
{
    /// <summary>The specifications as JSON text: the entity checks it is an object of at most 16 KB.</summary>
    [JsonIgnore]
    public string? SpecificationsJson => Specifications is { ValueKind: not JsonValueKind.Null } spec ? spec.GetRawText() : null;
}

public sealed record GearBody(
    Guid? ProductId = null,
    string? Version = null,
    string? SerialNumber = null,
    DateOnly? PurchaseDate = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? PurchasePrice = null,
    string? Currency = null,
    DateOnly? WarrantyExpires = null,
    string? Notes = null,
    string? Status = null);

public sealed record FileBody(string? Type = null, string? Filename = null);
