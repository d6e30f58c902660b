using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Categories.Commands.CreateCategory;
using Veza.Application.Categories.Commands.DeleteCategory;
using Veza.Application.Categories.Commands.MoveCategory;
using Veza.Application.Categories.Commands.RenameCategory;
using Veza.Application.Categories.Queries.GetCategory;
using Veza.Application.Categories.Queries.ListCategories;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Marketplace;

/// <summary>The category tree the marketplace and the gear catalog share: public to read, admins change it.</summary>
public sealed class CategoryEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/api/v1/categories").WithTags("Categories").AllowAnonymous();

        categories.MapGet("", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new ListCategoriesQuery(), ct)))
            .WithName("ListCategories")
            .WithSummary("The category tree")
            .WithDescription("Public. The root categories by name, each with children (nested the same way) and listing_count: the listings on the market (active, not hidden) in it and every category under it.")
            .ProducesErrors(429);

        categories.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetCategoryQuery(id), ct)))
            .WithName("GetCategory")
            .WithSummary("One category with its sub-tree and its path from the root")
            .WithDescription("Public. path lists the ancestors from the root, the category itself last (breadcrumbs). Unknown id: 404.")
            .ProducesErrors(404, 429);

        var admin = app.MapGroup("/api/v1/admin/categories").WithTags("Admin: categories").RequireAuthorization();

        admin.MapPost("", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var category = await mediator.Send(StrictJson.Read<CreateCategoryCommand>(body, json.Value.SerializerOptions), ct);
                return ApiResults.Created($"/api/v1/categories/{category.Id}", category, "Category created.");
            })
            .Accepts<CreateCategoryCommand>("application/json")
            .WithName("CreateCategory")
            .WithSummary("Add a category (admin)")
            .WithDescription("name 1-60 characters; slug lowercase letters, digits and single hyphens, unique across the tree (taken: 409 on slug); parent_id: the category to put it under (unknown: 400), none for a root.")
            .ProducesErrors(400, 401, 403, 409, 413, 415, 429);

        admin.MapPut("/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<RenameCategoryBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new RenameCategoryCommand(id, fields.Name, fields.Slug), ct), "Category renamed.");
            })
            .Accepts<RenameCategoryBody>("application/json")
            .WithName("RenameCategory")
            .WithSummary("Rename a category (admin)")
            .WithDescription("name and/or slug; fields left out stay. A slug another category has: 409. To move it, POST .../move.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        admin.MapPost("/{id:guid}/move", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<MoveCategoryBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new MoveCategoryCommand(id, fields.ParentId), ct), "Category moved.");
            })
            .Accepts<MoveCategoryBody>("application/json")
            .WithName("MoveCategory")
            .WithSummary("Move a category with its sub-tree (admin)")
            .WithDescription("parent_id: the new parent, or null for a root. Under itself or one of its own sub-categories: 422 INVALID_STATE (the tree has no cycles). Unknown parent: 400.")
            .ProducesErrors(400, 401, 403, 404, 413, 415, 422, 429);

        admin.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteCategoryCommand(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteCategory")
            .WithSummary("Delete an unused category (admin)")
            .WithDescription("204. A category with sub-categories, listings (in any status) or catalog products: 409 CONFLICT, with the counts in the message.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(401, 403, 404, 409, 429);
    }
}

public sealed record RenameCategoryBody(string? Name = null, string? Slug = null);

public sealed record MoveCategoryBody(Guid? ParentId = null);
