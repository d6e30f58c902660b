using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>GET /categories (the seeded tree, counts rolled up) and the admins' /admin/categories over HTTP against PostgreSQL.</summary>
public sealed class MarketCategoryTests : MarketListingTestBase
{
    private const string AdminCategories = "/api/v1/admin/categories";

    [Test]
    public async Task The_tree_answers_the_seeded_roots_by_name_each_with_its_children_by_name_to_anyone()
    {
        var tree = (await OkDataAsync(await GetAsync("/api/v1/categories"))).AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(Names(tree), Is.EqualTo(new[] { "Instruments", "Music", "Software", "Studio" }));
            Assert.That(tree.Select(n => n!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { Instruments, Music, Software, Studio }));
            Assert.That(tree.Select(n => n!["parent_id"]), Is.All.Null);
            Assert.That(Names(Child(tree, Instruments)["children"]!), Is.EqualTo(new[] { "Basses", "Drums", "Guitars", "Keyboards and synths" }));
            Assert.That(Names(Child(tree, Studio)["children"]!), Is.EqualTo(new[] { "Audio interfaces", "Headphones", "Microphones", "Monitors", "Outboard" }));
            Assert.That(Names(Child(tree, Software)["children"]!), Is.EqualTo(new[] { "Plugins", "Sample packs" }));
            Assert.That(Names(Child(tree, Music)["children"]!), Is.EqualTo(new[] { "Track licences" }));
            var interfaces = Child(Child(tree, Studio)["children"]!, AudioInterfaces);
            Assert.That(interfaces["slug"]!.GetValue<string>(), Is.EqualTo("audio-interfaces"));
            Assert.That(interfaces["parent_id"]!.GetValue<Guid>(), Is.EqualTo(Studio));
            Assert.That(interfaces["children"]!.AsArray(), Is.Empty);
            Assert.That(Flatten(tree).Count(), Is.EqualTo(16));
            Assert.That(Flatten(tree).Select(n => n["listing_count"]!.GetValue<long>()), Is.All.Zero);
        });
    }

    [Test]
    public async Task Listing_counts_roll_up_from_every_level_and_count_only_active_listings_not_hidden()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var seller = await UserAsync("dj_nova");
        var electric = await CreateCategoryAsync(admin, "Electric guitars", "electric-guitars", Guitars);
        await CreateListingAsync(seller, ListingBody("Fender Stratocaster", Guitars));
        await CreateListingAsync(seller, ListingBody("Squier Telecaster", Guitars));
        await CreateListingAsync(seller, ListingBody("Gibson Les Paul", Guitars, status: "draft"));
        var hidden = await CreateListingAsync(seller, ListingBody("Hidden Ibanez", Guitars));
        var reserved = await CreateListingAsync(seller, ListingBody("Reserved Gretsch", Guitars));
        await CreateListingAsync(seller, ListingBody("Jackson Soloist", electric));
        await CreateListingAsync(seller, ListingBody("Precision Bass", Basses));
        var archived = await CreateListingAsync(seller, ListingBody("Old drum kit", Drums));
        await CreateListingAsync(seller, ListingBody("Shure SM58", Microphones));
        await SqlAsync("UPDATE listings SET hidden_at = now(), hidden_reason = 'Scam' WHERE id = @id", ("id", hidden));
        await SqlAsync("UPDATE listings SET status = 'reserved' WHERE id = @id", ("id", reserved));
        await SqlAsync("UPDATE listings SET status = 'archived', expires_at = NULL WHERE id = @id", ("id", archived));

        var tree = (await OkDataAsync(await GetAsync("/api/v1/categories"))).AsArray();
        var counts = Flatten(tree).ToDictionary(n => n["id"]!.GetValue<Guid>(), n => n["listing_count"]!.GetValue<long>());
        var instruments = await OkDataAsync(await GetAsync($"/api/v1/categories/{Instruments}"));

        var expected = new Dictionary<Guid, long>
        {
            [Instruments] = 4, [Guitars] = 3, [electric] = 1, [Basses] = 1, [Studio] = 1, [Microphones] = 1,
        };
        Assert.Multiple(() =>
        {
            foreach (var (id, count) in counts)
            {
                Assert.That(count, Is.EqualTo(expected.GetValueOrDefault(id)), $"category {id}");
            }

            Assert.That(counts, Has.Count.EqualTo(17));
            Assert.That(instruments["listing_count"]!.GetValue<long>(), Is.EqualTo(4));
            Assert.That(Child(instruments["children"]!, Guitars)["listing_count"]!.GetValue<long>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task One_category_answers_its_sub_tree_and_its_path_from_the_root_and_an_unknown_one_404()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var electric = await CreateCategoryAsync(admin, "Electric guitars", "electric-guitars", Guitars);

        var leaf = await OkDataAsync(await GetAsync($"/api/v1/categories/{electric}"));
        var root = await OkDataAsync(await GetAsync($"/api/v1/categories/{Instruments}"));

        Assert.Multiple(() =>
        {
            Assert.That(leaf["name"]!.GetValue<string>(), Is.EqualTo("Electric guitars"));
            Assert.That(leaf["parent_id"]!.GetValue<Guid>(), Is.EqualTo(Guitars));
            Assert.That(leaf["path"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { Instruments, Guitars, electric }));
            Assert.That(leaf["path"]!.AsArray().Select(p => p!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "instruments", "guitars", "electric-guitars" }));
            Assert.That(leaf["children"]!.AsArray(), Is.Empty);
            Assert.That(root["path"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Instruments" }));
            Assert.That(Names(root["children"]!), Is.EqualTo(new[] { "Basses", "Drums", "Guitars", "Keyboards and synths" }));
            Assert.That(Names(Child(root["children"]!, Guitars)["children"]!), Is.EqualTo(new[] { "Electric guitars" }));
        });
        await AssertErrorAsync(await GetAsync($"/api/v1/categories/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task An_admin_creates_a_category_under_a_parent_or_at_the_root_and_it_joins_the_tree()
    {
        var admin = await UserWithRoleAsync("boss", "admin");

        using var child = await PostAsync(AdminCategories, new { name = " Effects pedals ", slug = "effects-pedals", parent_id = Instruments }, admin.AccessToken);
        var body = await BodyAsync(child);
        Assert.That(child.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var id = body["data"]!["id"]!.GetValue<Guid>();
        using var root = await PostAsync(AdminCategories, new { name = "Lessons", slug = "lessons" }, admin.AccessToken);
        var rootBody = await BodyAsync(root);
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.Created), rootBody.ToJsonString());

        var tree = (await OkDataAsync(await GetAsync("/api/v1/categories"))).AsArray();
        Assert.Multiple(async () =>
        {
            Assert.That(child.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/categories/{id}"));
            Assert.That(body["data"]!["name"]!.GetValue<string>(), Is.EqualTo("Effects pedals"), "trimmed");
            Assert.That(body["data"]!["slug"]!.GetValue<string>(), Is.EqualTo("effects-pedals"));
            Assert.That(body["data"]!["parent_id"]!.GetValue<Guid>(), Is.EqualTo(Instruments));
            Assert.That(rootBody["data"]!["parent_id"], Is.Null);
            Assert.That(await Database.ScalarAsync<string>("SELECT name || '|' || slug || '|' || parent_id FROM categories WHERE id = @id", ("id", id)),
                Is.EqualTo($"Effects pedals|effects-pedals|{Instruments}"));
            Assert.That(Names(tree), Is.EqualTo(new[] { "Instruments", "Lessons", "Music", "Software", "Studio" }));
            Assert.That(Names(Child(tree, Instruments)["children"]!), Is.EqualTo(new[] { "Basses", "Drums", "Effects pedals", "Guitars", "Keyboards and synths" }));
        });
    }

    [TestCase("Bad Slug")]
    [TestCase("UPPER")]
    [TestCase("double--hyphen")]
    [TestCase("-leading")]
    [TestCase("trailing-")]
    [TestCase("")]
    public async Task A_malformed_slug_is_400_on_slug(string slug)
    {
        var admin = await UserWithRoleAsync("boss", "admin");

        using var response = await PostAsync(AdminCategories, new { name = "Pedals", slug }, admin.AccessToken);

        Assert.That(Fields(await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "slug" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM categories"), Is.EqualTo(16));
    }

    [Test]
    public async Task Creating_refuses_a_taken_slug_with_409_an_unknown_parent_a_missing_name_and_other_fields_with_400()
    {
        var admin = await UserWithRoleAsync("boss", "admin");

        using var taken = await PostAsync(AdminCategories, new { name = "More guitars", slug = "guitars", parent_id = Studio }, admin.AccessToken);
        using var unknownParent = await PostAsync(AdminCategories, new { name = "Pedals", slug = "pedals", parent_id = Guid.NewGuid() }, admin.AccessToken);
        using var noName = await PostAsync(AdminCategories, new { slug = "pedals" }, admin.AccessToken);
        using var longName = await PostAsync(AdminCategories, new { name = new string('n', 61), slug = "pedals" }, admin.AccessToken);
        using var extra = await PostAsync(AdminCategories, new { name = "Pedals", slug = "pedals", listing_count = 5 }, admin.AccessToken);

        var conflict = await AssertErrorAsync(taken, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Multiple(async () =>
        {
            Assert.That(Fields(conflict), Is.EqualTo(new[] { "slug" }));
            Assert.That(Fields(await AssertErrorAsync(unknownParent, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "parent_id" }));
            Assert.That(Fields(await AssertErrorAsync(noName, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "name" }));
            Assert.That(Fields(await AssertErrorAsync(longName, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "name" }));
            Assert.That(Fields(await AssertErrorAsync(extra, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "listing_count" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM categories"), Is.EqualTo(16));
        });
    }

    [Test]
    public async Task Two_admins_racing_for_one_slug_end_with_one_category_and_a_409()
    {
        var admin = await UserWithRoleAsync("boss", "admin");

        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            PostAsync(AdminCategories, new { name = $"Pedals {i}", slug = "pedals", parent_id = Instruments }, admin.AccessToken)));
        var statuses = racing.Select(r => (int)r.StatusCode).Order().ToArray();
        foreach (var response in racing)
        {
            response.Dispose();
        }

        Assert.That(statuses, Is.EqualTo(new[] { 201, 409, 409 }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM categories WHERE slug = 'pedals'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Only_admins_change_categories_others_get_403_and_anonymous_callers_401()
    {
        var user = await UserWithRoleAsync("dj_nova");
        var moderator = await UserWithRoleAsync("mod_one", "moderator");

        foreach (var caller in new[] { user, moderator })
        {
            await AssertErrorAsync(await PostAsync(AdminCategories, new { name = "Pedals", slug = "pedals" }, caller.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await PutAsync($"{AdminCategories}/{Guitars}", new { name = "Axes" }, caller.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await PostAsync($"{AdminCategories}/{Guitars}/move", new { parent_id = Studio }, caller.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await DeleteAsync($"{AdminCategories}/{SamplePacks}", caller.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        await AssertErrorAsync(await PostAsync(AdminCategories, new { name = "Pedals", slug = "pedals" }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await PutAsync($"{AdminCategories}/{Guitars}", new { name = "Axes" }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await PostAsync($"{AdminCategories}/{Guitars}/move", new { parent_id = Studio }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await DeleteAsync($"{AdminCategories}/{SamplePacks}", null), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(name || ':' || coalesce(parent_id::text, '-'), ',' ORDER BY id) FROM categories WHERE id IN (@g, @s)",
            ("g", Guitars), ("s", SamplePacks)), Is.EqualTo($"Guitars:{Instruments},Sample packs:{Software}"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM categories"), Is.EqualTo(16));
    }

    [Test]
    public async Task Renaming_changes_the_fields_given_and_a_slug_another_category_has_is_409()
    {
        var admin = await UserWithRoleAsync("boss", "admin");

        var named = await OkDataAsync(await PutAsync($"{AdminCategories}/{Guitars}", new { name = "Guitars and co" }, admin.AccessToken));
        var slugged = await OkDataAsync(await PutAsync($"{AdminCategories}/{Guitars}", new { slug = "six-strings" }, admin.AccessToken));
        var same = await OkDataAsync(await PutAsync($"{AdminCategories}/{Guitars}", new { slug = "six-strings", name = "Guitars" }, admin.AccessToken));
        using var taken = await PutAsync($"{AdminCategories}/{Guitars}", new { slug = "basses" }, admin.AccessToken);
        using var bad = await PutAsync($"{AdminCategories}/{Guitars}", new { slug = "Six Strings" }, admin.AccessToken);
        using var move = await PutAsync($"{AdminCategories}/{Guitars}", new { parent_id = Studio }, admin.AccessToken);
        using var unknown = await PutAsync($"{AdminCategories}/{Guid.NewGuid()}", new { name = "Nothing" }, admin.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That((named["name"]!.GetValue<string>(), named["slug"]!.GetValue<string>()), Is.EqualTo(("Guitars and co", "guitars")));
            Assert.That((slugged["name"]!.GetValue<string>(), slugged["slug"]!.GetValue<string>()), Is.EqualTo(("Guitars and co", "six-strings")));
            Assert.That((same["name"]!.GetValue<string>(), same["slug"]!.GetValue<string>()), Is.EqualTo(("Guitars", "six-strings")), "its own slug is not taken");
            Assert.That(Fields(await AssertErrorAsync(taken, HttpStatusCode.Conflict, "CONFLICT")), Is.EqualTo(new[] { "slug" }));
            Assert.That(Fields(await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "slug" }));
            Assert.That(Fields(await AssertErrorAsync(move, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "parent_id" }), "moving is POST .../move");
            await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
            Assert.That(await Database.ScalarAsync<string>("SELECT name || '|' || slug || '|' || parent_id FROM categories WHERE id = @id", ("id", Guitars)),
                Is.EqualTo($"Guitars|six-strings|{Instruments}"));
        });
    }

    [Test]
    public async Task Moving_takes_the_sub_tree_and_its_counts_under_the_new_parent_or_to_the_root()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var seller = await UserAsync("dj_nova");
        var electric = await CreateCategoryAsync(admin, "Electric guitars", "electric-guitars", Guitars);
        await CreateListingAsync(seller, ListingBody("Jackson Soloist", electric));

        var moved = await OkDataAsync(await PostAsync($"{AdminCategories}/{Guitars}/move", new { parent_id = Studio }, admin.AccessToken));
        var leaf = await OkDataAsync(await GetAsync($"/api/v1/categories/{electric}"));
        var studio = await OkDataAsync(await GetAsync($"/api/v1/categories/{Studio}"));
        var instruments = await OkDataAsync(await GetAsync($"/api/v1/categories/{Instruments}"));
        var toRoot = await OkDataAsync(await PostAsync($"{AdminCategories}/{Drums}/move", new { parent_id = (Guid?)null }, admin.AccessToken));
        var tree = (await OkDataAsync(await GetAsync("/api/v1/categories"))).AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(moved["parent_id"]!.GetValue<Guid>(), Is.EqualTo(Studio));
            Assert.That(leaf["path"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { Studio, Guitars, electric }));
            Assert.That(studio["listing_count"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(instruments["listing_count"]!.GetValue<long>(), Is.Zero);
            Assert.That(Names(instruments["children"]!), Is.EqualTo(new[] { "Basses", "Drums", "Keyboards and synths" }));
            Assert.That(toRoot["parent_id"], Is.Null);
            Assert.That(Names(tree), Is.EqualTo(new[] { "Drums", "Instruments", "Music", "Software", "Studio" }));
        });
        using var unknownParent = await PostAsync($"{AdminCategories}/{Basses}/move", new { parent_id = Guid.NewGuid() }, admin.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(unknownParent, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "parent_id" }));
        await AssertErrorAsync(await PostAsync($"{AdminCategories}/{Guid.NewGuid()}/move", new { parent_id = Studio }, admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        using var search = await GetAsync($"/api/v1/listings?category={Studio}");
        Assert.That((await PageAsync(search))["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(1), "the category filter follows the move");
    }

    [Test]
    public async Task Moving_under_itself_or_one_of_its_own_sub_categories_is_422_and_changes_nothing()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var electric = await CreateCategoryAsync(admin, "Electric guitars", "electric-guitars", Guitars);

        using var underItself = await PostAsync($"{AdminCategories}/{Guitars}/move", new { parent_id = Guitars }, admin.AccessToken);
        using var underChild = await PostAsync($"{AdminCategories}/{Instruments}/move", new { parent_id = Guitars }, admin.AccessToken);
        using var underGrandchild = await PostAsync($"{AdminCategories}/{Instruments}/move", new { parent_id = electric }, admin.AccessToken);

        await AssertErrorAsync(underItself, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(underChild, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        await AssertErrorAsync(underGrandchild, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await Database.ScalarsAsync<string>("SELECT coalesce(parent_id::text, '-') FROM categories WHERE id IN (@i, @g, @e) ORDER BY name",
                ("i", Instruments), ("g", Guitars), ("e", electric)),
            Is.EqualTo(new[] { Guitars.ToString(), Instruments.ToString(), "-" }));
    }

    [Test]
    public async Task Deleting_a_category_with_sub_categories_or_listings_in_any_status_is_409_and_an_empty_one_204()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var seller = await UserAsync("dj_nova");
        var archived = await CreateListingAsync(seller, ListingBody("Serum licence", Plugins));
        await SqlAsync("UPDATE listings SET status = 'archived', expires_at = NULL WHERE id = @id", ("id", archived));
        await CreateListingAsync(seller, ListingBody("Unfinished draft", Outboard, status: "draft"));

        using var withChildren = await DeleteAsync($"{AdminCategories}/{Instruments}", admin.AccessToken);
        using var withArchived = await DeleteAsync($"{AdminCategories}/{Plugins}", admin.AccessToken);
        using var withDraft = await DeleteAsync($"{AdminCategories}/{Outboard}", admin.AccessToken);
        using var empty = await DeleteAsync($"{AdminCategories}/{SamplePacks}", admin.AccessToken);
        using var again = await DeleteAsync($"{AdminCategories}/{SamplePacks}", admin.AccessToken);

        await AssertErrorAsync(withChildren, HttpStatusCode.Conflict, "CONFLICT");
        await AssertErrorAsync(withArchived, HttpStatusCode.Conflict, "CONFLICT");
        await AssertErrorAsync(withDraft, HttpStatusCode.Conflict, "CONFLICT");
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await empty.Content.ReadAsStringAsync());
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await GetAsync($"/api/v1/categories/{SamplePacks}"), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarsAsync<string>("SELECT slug FROM categories WHERE id IN (@i, @p, @o, @s) ORDER BY slug",
                ("i", Instruments), ("p", Plugins), ("o", Outboard), ("s", SamplePacks)),
            Is.EqualTo(new[] { "instruments", "outboard", "plugins" }));
    }

    private async Task<Guid> CreateCategoryAsync(Tokens admin, string name, string slug, Guid? parentId)
    {
        using var response = await PostAsync(AdminCategories, new { name, slug, parent_id = parentId }, admin.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    private static string[] Names(JsonNode nodes) => nodes.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToArray();

    private static JsonNode Child(JsonNode nodes, Guid id) => nodes.AsArray().Single(n => n!["id"]!.GetValue<Guid>() == id)!;

    private static IEnumerable<JsonNode> Flatten(JsonNode nodes) =>
        nodes.AsArray().SelectMany(n => new[] { n! }.Concat(Flatten(n!["children"]!)));
}
