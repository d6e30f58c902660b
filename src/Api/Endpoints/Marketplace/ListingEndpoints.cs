using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Marketplace;
using Veza.Application.Marketplace.Listings.Commands.AddListingImage;
using Veza.Application.Marketplace.Listings.Commands.CreateListing;
using Veza.Application.Marketplace.Listings.Commands.DeleteListing;
using Veza.Application.Marketplace.Listings.Commands.RemoveListingImage;
using Veza.Application.Marketplace.Listings.Commands.ReorderListingImages;
using Veza.Application.Marketplace.Listings.Commands.UnwatchListing;
using Veza.Application.Marketplace.Listings.Commands.UpdateListing;
using Veza.Application.Marketplace.Listings.Commands.WatchListing;
using Veza.Application.Marketplace.Listings.Queries.GetListing;
using Veza.Application.Marketplace.Listings.Queries.GetListingImage;
using Veza.Application.Marketplace.Listings.Queries.GetWatchlist;
using Veza.Application.Marketplace.Listings.Queries.SearchListings;
using Veza.Application.Marketplace.Transactions.Queries.ListUserRatings;
using Veza.Domain.Marketplace;
using Veza.Domain.Media;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Marketplace;

/// <summary>Listings (issue 13): the market is public to browse; selling, watching and changing need a token.</summary>
public sealed class ListingEndpoints : IEndpointGroup
{
    public const long ImageBodyLimit = MarketRules.MaxImageBytes + (64 * 1024);

    private const string Money = "Money is a string with two decimals (\"49.90\"); on input a number (49.9) is accepted too. currency: ISO 4217 (EUR, USD...).";

    public void Map(IEndpointRouteBuilder app)
    {
        var listings = app.MapGroup("/api/v1/listings").WithTags("Listings").RequireAuthorization();

        listings.MapPost("", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<ListingBody>(body, json.Value.SerializerOptions);
                var listing = await mediator.Send(new CreateListingCommand(f.Title!, f.Description, f.Kind!, f.Price, f.Currency, f.Condition!, f.CategoryId, f.Tags, f.Location, f.TrackId, f.Status, f.UserProductId), ct);
                return ApiResults.Created($"/api/v1/listings/{listing.Id}", listing, "Listing created.");
            })
            .Accepts<ListingBody>("application/json")
            .WithName("CreateListing")
            .WithSummary("Put something on the market (or save a draft)")
            .WithDescription($"title 3-120 characters, description at most 5,000, kind sale | trade | sale_or_trade, price and currency (required for sale and sale_or_trade; a trade has none), condition new | like_new | good | fair | for_parts, category_id (required; unknown: 400), tags (at most 10), location, track_id (a licence for one of your own tracks; anyone else's: 400), user_product_id (gear you record as yours, GET /api/v1/user-products; anyone else's: 400), status draft | active (default active: on the market for {MarketSettings.Default.ListingLifetime.TotalDays:0} days by default, then archived unless sold). {Money}")
            .DocumentsVerifiedEmailRequirement()
            .ProducesErrors(400, 401, 413, 415, 422, 429);

        listings.MapGet("", async ([AsParameters] ListingSearchParameters p, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(p.ToQuery(null), ct)))
            .AllowAnonymous()
            .WithName("SearchListings")
            .WithSummary("Browse the market")
            .WithDescription("Public. Active listings (hidden ones never), filtered by q (title or description), category (with every category under it), kind, condition, min_price and max_price (inclusive; trades, having no price, drop out), currency, tag, user_id; sort new (default, newest published first) | price_asc | price_desc (trades last) | ending (soonest to expire first). status: a seller listing their own (user_id = the caller) sees every status, drafts included, or the one asked; others may ask reserved or sold with user_id. Paged (page from 1, limit 1-100, default 20).")
            .ProducesErrors(400, 429);

        listings.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetListingQuery(id), ct)))
            .AllowAnonymous()
            .WithName("GetListing")
            .WithSummary("A listing with its seller, rating and pictures")
            .WithDescription("Public for active, reserved and sold listings that are not hidden; drafts, archived and hidden listings for their seller and admins only (others: 404). offer_count, hidden_at and hidden_reason are filled for the seller and admins, null for others. watching: whether the caller watches it.")
            .ProducesErrors(404, 429);

        listings.MapPut("/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<ListingBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdateListingCommand(id, f.Title, f.Description, f.Kind, f.Price, f.Currency, f.Condition, f.CategoryId, f.Tags, f.Location, f.TrackId, f.Status, f.UserProductId), ct), "Listing updated.");
            })
            .Accepts<ListingBody>("application/json")
            .WithName("UpdateListing")
            .WithSummary("Change a listing (seller)")
            .WithDescription($"The fields present change, the others stay (an empty description, location or tag list clears it). status draft | active moves it off or onto the market (publishing renews its time; back to draft while offers wait: 422). A reserved listing's price, currency and kind are locked (422 INVALID_STATE); a sold or archived one never changes (422). A price drop on an active listing is pushed to its watchers. Someone else's listing: 403 (404 when the caller cannot see it). {Money}")
            .DocumentsVerifiedEmailRequirement()
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        listings.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new DeleteListingCommand(id), ct), "Listing taken down."))
            .WithName("DeleteListing")
            .WithSummary("Take a listing down (seller or admin)")
            .WithDescription("Removed with its pictures when no offer ever named it (deleted: true); archived otherwise (archived: true), closing the offers still waiting on it. Reserved or sold: 422 (a transaction depends on it). Archived already: answered again, nothing changes.")
            .ProducesErrors(401, 403, 404, 409, 422, 429);

        listings.MapPost("/{id:guid}/images", UploadImageAsync)
            .WithName("AddListingImage")
            .WithSummary("Add a picture to a listing (seller)")
            .WithDescription($"multipart/form-data with one file field `file`: PNG, JPEG or WebP (by its bytes), at most {MarketRules.MaxImageBytes} bytes and {ListingImageRules.MaxSourceSide} pixels on a side; at most {MarketRules.MaxImages} per listing (422 when full). Re-encoded as WebP, whole (not cropped), at {ListingImageRules.LargeSize} and {ListingImageRules.SmallSize} pixels, with every piece of metadata (EXIF, GPS) removed. 415: not such an image; 413: too large. 201 with the picture's URLs.")
            .DocumentsVerifiedEmailRequirement()
            .DisableAntiforgery()
            .WithRequestBodyLimit(ImageBodyLimit)
            .Produces<ApiResponse<ListingImageDto>>(StatusCodes.Status201Created)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        listings.MapGet("/{id:guid}/images/{imageId:guid}", GetImageAsync)
            .AllowAnonymous()
            .WithName("GetListingImage")
            .WithSummary("A listing's picture")
            .WithDescription($"image/webp, size {ListingImageRules.LargeSize} (default) or {ListingImageRules.SmallSize}, for whoever may see the listing (others: 404). A picture id never changes content: cacheable for a year.")
            .Produces<Stream>(StatusCodes.Status200OK, ImageFormats.ContentType(ListingImageRules.Format))
            .ProducesErrors(400, 404, 429);

        listings.MapDelete("/{id:guid}/images/{imageId:guid}", async (Guid id, Guid imageId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new RemoveListingImageCommand(id, imageId), ct), "Picture removed."))
            .WithName("RemoveListingImage")
            .WithSummary("Remove a picture (seller)")
            .WithDescription("The pictures after it move up; answers the pictures in order. Not on this listing: 404. Sold or archived: 422.")
            .ProducesErrors(401, 403, 404, 409, 422, 429);

        listings.MapPut("/{id:guid}/images/order", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<ReorderListingImagesBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new ReorderListingImagesCommand(id, f.ImageIds!), ct), "Pictures reordered.");
            })
            .Accepts<ReorderListingImagesBody>("application/json")
            .WithName("ReorderListingImages")
            .WithSummary("Put a listing's pictures in order (seller)")
            .WithDescription("image_ids: every picture of the listing, each once; the first is the cover. Anything else: 400 on image_ids, nothing changes.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        listings.MapPost("/{id:guid}/watch", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new WatchListingCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("WatchListing")
            .WithSummary("Watch a listing")
            .WithDescription("204; idempotent. Watchers get realtime events (watched_listing_price_dropped, watched_listing_sold). A listing the caller cannot see: 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 404, 429);

        listings.MapDelete("/{id:guid}/watch", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnwatchListingCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("UnwatchListing")
            .WithSummary("Stop watching a listing")
            .WithDescription("204; idempotent.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 429);

        var users = app.MapGroup("/api/v1/users").WithTags("Listings");

        users.MapGet("/{id:guid}/listings", async (Guid id, [AsParameters] ListingSearchParameters p, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(p.ToQuery(id), ct)))
            .AllowAnonymous()
            .WithName("ListUserListings")
            .WithSummary("A seller's listings")
            .WithDescription("As GET /listings with user_id: the seller sees all of theirs (drafts, archived and hidden included), others the active ones (or reserved or sold ones with status).")
            .ProducesErrors(400, 429);

        users.MapGet("/me/watchlist", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new GetWatchlistQuery(PageRequest.From(page, limit)), ct)))
            .RequireAuthorization()
            .WithName("GetWatchlist")
            .WithSummary("The listings the caller watches")
            .WithDescription("Most recently watched first; ones since hidden, archived or made drafts drop out. Paged.")
            .ProducesErrors(400, 401, 429);

        users.MapGet("/{id:guid}/ratings", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new ListUserRatingsQuery(id, PageRequest.From(page, limit)), ct)))
            .AllowAnonymous()
            .WithName("ListUserRatings")
            .WithSummary("What a user's trading partners said about them")
            .WithDescription("Public: summary (average 1-5 rounded to two places, null with none; count) and the ratings newest first, paged. Unknown user: 404.")
            .ProducesErrors(400, 404, 429);
    }

    internal static async Task<IResult> UploadImageAsync(Guid id, IFormFile? file, IMediator mediator, CancellationToken ct)
    {
        var (content, length, _) = UploadedFiles.Open(file, MarketRules.MaxImageBytes);
        await using (content)
        {
            var image = await mediator.Send(new AddListingImageCommand(id, content, length), ct);
            return ApiResults.Created(image.Url, image, "Picture added.");
        }
    }

    internal static async Task<IResult> GetImageAsync(Guid id, Guid imageId, int? size, HttpContext context, IMediator mediator, CancellationToken ct)
    {
        var image = await mediator.Send(new GetListingImageQuery(id, imageId, size ?? ListingImageRules.LargeSize), ct);
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Stream(image.File.Content, image.ContentType, lastModified: image.CreatedAt);
    }
}

/// <summary>The query string of GET /listings (and a seller's list).</summary>
public sealed record ListingSearchParameters(
    int? Page, int? Limit, string? Q, Guid? Category, string? Kind, string? Condition,
    [property: FromQuery(Name = "min_price")] decimal? MinPrice, [property: FromQuery(Name = "max_price")] decimal? MaxPrice,
    string? Currency, string? Tag, [property: FromQuery(Name = "user_id")] Guid? UserId, string? Status, string? Sort)
{
    public SearchListingsQuery ToQuery(Guid? sellerId) =>
        new(PageRequest.From(Page, Limit), Q, Category, Kind, Condition, MinPrice, MaxPrice, Currency, Tag, sellerId ?? UserId, Status, Sort);
}

/// <summary>A listing's fields, as POST sends them all and PUT the ones it changes.</summary>
public sealed record ListingBody(
    string? Title = null,
    string? Description = null,
    string? Kind = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? Price = null,
    string? Currency = null,
    string? Condition = null,
    Guid? CategoryId = null,
    IReadOnlyList<string>? Tags = null,
    string? Location = null,
    Guid? TrackId = null,
    string? Status = null,
    Guid? UserProductId = null);

public sealed record ReorderListingImagesBody(IReadOnlyList<Guid>? ImageIds = null);
