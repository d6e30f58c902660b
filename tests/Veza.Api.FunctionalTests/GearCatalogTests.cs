using System.Net;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>The public catalog (search, browse, read) and the admins' writes to it, over HTTP against PostgreSQL.</summary>
public class GearCatalogTests : GearApiTestBase
{
    private Tokens _admin = null!;

    [SetUp]
    public async Task AnAdmin() => _admin = await CatalogAdminAsync();

    [Test]
    public async Task Search_needs_no_token_finds_a_misspelt_brand_and_leaves_out_discontinued_products()
    {
        var twoI2 = await ProductAsync(_admin, "Scarlett 2i2", "Focusrite", model: "2i2-3G");
        var solo = await ProductAsync(_admin, "Scarlett Solo", "Focusrite");
        var clarett = await ProductAsync(_admin, "Clarett 8Pre", "Focusrite");
        var saffire = await ProductAsync(_admin, "Saffire Pro 40", "Focusrite", status: "discontinued");
        await ProductAsync(_admin, "Alpha 65", "Focal", Monitors);
        await ProductAsync(_admin, "Babyface Pro", "RME");

        var hits = await ListAsync($"{ProductsPath}/search?q=focusrit");

        var scores = hits.AsArray().Select(h => h!["score"]!.GetValue<double>()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(IdsOf(hits), Is.EquivalentTo(new[] { twoI2, solo, clarett }), "every active Focusrite, not Focal, RME or the discontinued Saffire");
            Assert.That(IdsOf(hits), Does.Not.Contain(saffire));
            Assert.That(Names(hits, "brand"), Is.All.EqualTo("Focusrite"));
            Assert.That(scores, Is.Ordered.Descending);
            Assert.That(scores, Is.All.InRange(0.6, 1.0));
            Assert.That(hits[0]!["category"]!["id"]!.GetValue<Guid>(), Is.EqualTo(AudioInterfaces));
            Assert.That(hits[0]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task Search_ranks_the_closest_product_first()
    {
        var solo = await ProductAsync(_admin, "Scarlett Solo", "Focusrite");
        var twoI2 = await ProductAsync(_admin, "Scarlett 2i2", "Focusrite", model: "2i2-3G");
        await ProductAsync(_admin, "Clarett 8Pre", "Focusrite");
        await ProductAsync(_admin, "SM7B", "Shure", Microphones);

        var hits = await ListAsync($"{ProductsPath}/search?q=Scarlett%202i2");

        var scores = hits.AsArray().Select(h => h!["score"]!.GetValue<double>()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(IdsOf(hits), Is.EqualTo(new[] { twoI2, solo }), "the exact product, then the other Scarlett; Clarett and SM7B are too far");
            Assert.That(scores[0], Is.EqualTo(1.0));
            Assert.That(scores[1], Is.LessThan(scores[0]));
        });
    }

    [Test]
    public async Task Search_returns_ten_by_default_up_to_fifty_and_refuses_a_limit_of_51_or_a_one_character_query()
    {
        for (var i = 1; i <= 12; i++)
        {
            await ProductAsync(_admin, $"Scarlett Mk{i}", "Focusrite");
        }

        var byDefault = await ListAsync($"{ProductsPath}/search?q=focusrite");
        var fifty = await ListAsync($"{ProductsPath}/search?q=focusrite&limit=50");
        var three = await ListAsync($"{ProductsPath}/search?q=focusrite&limit=3");

        Assert.Multiple(async () =>
        {
            Assert.That(byDefault.AsArray(), Has.Count.EqualTo(10));
            Assert.That(fifty.AsArray(), Has.Count.EqualTo(12));
            Assert.That(three.AsArray(), Has.Count.EqualTo(3));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{ProductsPath}/search?q=focusrite&limit=51"), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "limit" }));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{ProductsPath}/search?q=focusrite&limit=0"), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "limit" }));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{ProductsPath}/search?q=f"), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "q" }));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{ProductsPath}/search?q=%20f%20"), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "q" }), "trimmed, one character");
            await AssertErrorAsync(await GetAsync($"{ProductsPath}/search"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            await AssertErrorAsync(await GetAsync($"{ProductsPath}/search?q={new string('a', 101)}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        });
    }

    [Test]
    public async Task Browsing_filters_by_category_with_its_sub_categories_and_by_brand_in_any_case()
    {
        var scarlett = await ProductAsync(_admin, "Scarlett 2i2", "Focusrite");
        var super55 = await ProductAsync(_admin, "Super 55", "Shure", Microphones);
        var strat = await ProductAsync(_admin, "Stratocaster", "Fender", Guitars);
        var isa = await ProductAsync(_admin, "ISA One", "Focusrite", Outboard);
        await ProductAsync(_admin, "Saffire Pro 40", "Focusrite", status: "discontinued");

        var all = await PageAsync(await GetAsync(ProductsPath));
        var studio = await PageAsync(await GetAsync($"{ProductsPath}?category={Studio}"));
        var interfaces = await PageAsync(await GetAsync($"{ProductsPath}?category={AudioInterfaces}"));
        var focusrite = await PageAsync(await GetAsync($"{ProductsPath}?brand=fOcUsRiTe"));
        var focusriteInStudio = await PageAsync(await GetAsync($"{ProductsPath}?brand=FOCUSRITE&category={Studio}"));
        var partialBrand = await PageAsync(await GetAsync($"{ProductsPath}?brand=Focus"));
        var instruments = await PageAsync(await GetAsync($"{ProductsPath}?category={Instruments}"));

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(all), Is.EqualTo(new[] { isa, scarlett, strat, super55 }), "active ones, by name");
            Assert.That(all["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(4));
            Assert.That(Ids(studio), Is.EqualTo(new[] { isa, scarlett, super55 }), "Studio and its sub-categories");
            Assert.That(Ids(interfaces), Is.EqualTo(new[] { scarlett }));
            Assert.That(Ids(focusrite), Is.EqualTo(new[] { isa, scarlett }));
            Assert.That(Ids(focusriteInStudio), Is.EqualTo(new[] { isa, scarlett }));
            Assert.That(Ids(partialBrand), Is.Empty, "the brand is matched whole");
            Assert.That(Ids(instruments), Is.EqualTo(new[] { strat }));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{ProductsPath}?category={Guid.NewGuid()}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "category" }));
        });
    }

    [Test]
    public async Task Browsing_sorts_by_name_by_default_by_brand_or_newest_first_and_pages()
    {
        var zoom = await ProductAsync(_admin, "Alpha H6", "Zoom");
        var akg = await ProductAsync(_admin, "C414", "AKG", Microphones);
        var apogee = await ProductAsync(_admin, "Duet", "Apogee");
        var behringer = await ProductAsync(_admin, "UMC204HD", "Behringer");

        var byName = await PageAsync(await GetAsync(ProductsPath));
        var byBrand = await PageAsync(await GetAsync($"{ProductsPath}?sort=brand"));
        var newest = await PageAsync(await GetAsync($"{ProductsPath}?sort=newest"));
        var secondPage = await PageAsync(await GetAsync($"{ProductsPath}?sort=brand&page=2&limit=3"));

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(byName), Is.EqualTo(new[] { zoom, akg, apogee, behringer }));
            Assert.That(Ids(byBrand), Is.EqualTo(new[] { akg, apogee, behringer, zoom }));
            Assert.That(Ids(newest), Is.EqualTo(new[] { behringer, apogee, akg, zoom }));
            Assert.That(Ids(secondPage), Is.EqualTo(new[] { zoom }));
            Assert.That(secondPage["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(4));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{ProductsPath}?sort=price"), HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "sort" }));
        });
    }

    [Test]
    public async Task A_product_reads_for_anyone_with_its_specifications_object_and_its_documents()
    {
        var body = ProductBody("Scarlett 2i2", "Focusrite", model: "2i2-3G", warrantyMonths: 36, website: "https://focusrite.com", price: "169.00",
            specifications: new { inputs = 2, sample_rate_khz = 192, bus_powered = true, outputs = new { line = 2, headphones = 1 } });
        body["description"] = "Two-in, two-out USB interface.";
        body["warranty_conditions"] = "Registered products only.";
        using var created = await PostAsync(AdminProductsPath, body, _admin.AccessToken);
        var createdBody = await BodyAsync(created);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), createdBody.ToJsonString());
        var id = Id(createdBody["data"]!);
        using var document = await AddDocumentAsync(id, _admin.AccessToken);
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.Created), await document.Content.ReadAsStringAsync());

        var product = await ListAsync($"{ProductsPath}/{id}");
        var documents = await ListAsync($"{ProductsPath}/{id}/documents");

        Assert.Multiple(async () =>
        {
            Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"{ProductsPath}/{id}"));
            Assert.That(product["name"]!.GetValue<string>(), Is.EqualTo("Scarlett 2i2"));
            Assert.That(product["brand"]!.GetValue<string>(), Is.EqualTo("Focusrite"));
            Assert.That(product["model"]!.GetValue<string>(), Is.EqualTo("2i2-3G"));
            Assert.That(product["category"]!["id"]!.GetValue<Guid>(), Is.EqualTo(AudioInterfaces));
            Assert.That(product["price"]!.GetValue<string>(), Is.EqualTo("169.00"));
            Assert.That(product["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
            Assert.That(product["warranty_months"]!.GetValue<int>(), Is.EqualTo(36));
            Assert.That(product["manufacturer_website"]!.GetValue<string>(), Is.EqualTo("https://focusrite.com"));
            Assert.That(product["description"]!.GetValue<string>(), Is.EqualTo("Two-in, two-out USB interface."));
            Assert.That(product["warranty_conditions"]!.GetValue<string>(), Is.EqualTo("Registered products only."));
            Assert.That(product["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(product["specifications"], Is.InstanceOf<JsonObject>());
            Assert.That(JsonNode.DeepEquals(product["specifications"],
                JsonNode.Parse("""{"inputs":2,"sample_rate_khz":192,"bus_powered":true,"outputs":{"line":2,"headphones":1}}""")), Is.True, product["specifications"]!.ToJsonString());
            Assert.That(product["documents"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(product["documents"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("manual"), "the default type of a catalog document");
            Assert.That(product["documents"]![0]!["product_id"]!.GetValue<Guid>(), Is.EqualTo(id));
            Assert.That(product["documents"]![0]!["download_url"]!.GetValue<string>(), Does.StartWith("/api/v1/files/"));
            Assert.That(IdsOf(documents), Is.EqualTo(IdsOf(product["documents"]!)));
            Assert.That(await Database.ScalarAsync<string>("SELECT specifications->'outputs'->>'headphones' FROM products WHERE id = @id", ("id", id)), Is.EqualTo("1"));
            await AssertErrorAsync(await GetAsync($"{ProductsPath}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");
        });
    }

    [Test]
    public async Task Only_admins_write_the_catalog_users_get_403_and_anonymous_callers_401()
    {
        var user = await UserWithRoleAsync("bass_bob");
        var existing = await ProductAsync(_admin, "Scarlett 2i2");

        Assert.Multiple(async () =>
        {
            await AssertErrorAsync(await PostAsync(AdminProductsPath, ProductBody("Scarlett Solo"), user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await PutAsync($"{AdminProductsPath}/{existing}", new { name = "Hacked" }, user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await DeleteAsync($"{AdminProductsPath}/{existing}", user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await GetAsync(AdminProductsPath, user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await AddDocumentAsync(existing, user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
            await AssertErrorAsync(await PostAsync(AdminProductsPath, ProductBody("Scarlett Solo")), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await AssertErrorAsync(await PutAsync($"{AdminProductsPath}/{existing}", new { name = "Hacked" }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await AssertErrorAsync(await DeleteAsync($"{AdminProductsPath}/{existing}", null), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await AssertErrorAsync(await GetAsync(AdminProductsPath), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(name, ',') FROM products"), Is.EqualTo("Scarlett 2i2"));
        });

        using var created = await PostAsync(AdminProductsPath, ProductBody("Scarlett Solo", model: "Solo-3G"), _admin.AccessToken);
        var solo = Id((await BodyAsync(created))["data"]!);
        var updated = await OkDataAsync(await PutAsync($"{AdminProductsPath}/{existing}", new { name = "Scarlett 2i2 (3rd gen)", warranty_months = 24 }, _admin.AccessToken));
        using var deleted = await DeleteAsync($"{AdminProductsPath}/{solo}", _admin.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(updated["name"]!.GetValue<string>(), Is.EqualTo("Scarlett 2i2 (3rd gen)"));
            Assert.That(updated["brand"]!.GetValue<string>(), Is.EqualTo("Focusrite"), "fields left out stay");
            Assert.That(updated["warranty_months"]!.GetValue<int>(), Is.EqualTo(24));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(name || '|' || warranty_months, ',') FROM products"), Is.EqualTo("Scarlett 2i2 (3rd gen)|24"));
            await AssertErrorAsync(await DeleteAsync($"{AdminProductsPath}/{solo}", _admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await PutAsync($"{AdminProductsPath}/{Guid.NewGuid()}", new { name = "Ghost" }, _admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        });
    }

    [Test]
    public async Task Product_writes_refuse_unsafe_websites_specifications_that_are_not_a_small_object_long_warranties_and_unknown_categories()
    {
        var existing = await ProductAsync(_admin, "Scarlett 2i2");
        var oversized = new Dictionary<string, string> { ["notes"] = new string('x', 16 * 1024 + 1) };
        var cases = new (string Why, Dictionary<string, object?> Body, string Field)[]
        {
            ("javascript: address", ProductBody(website: "javascript:alert(1)"), "manufacturer_website"),
            ("ftp address", ProductBody(website: "ftp://x"), "manufacturer_website"),
            ("array specifications", ProductBody(specifications: new[] { 1, 2 }), "specifications"),
            ("string specifications", ProductBody(specifications: "inputs: 2"), "specifications"),
            ("specifications over 16 KB", ProductBody(specifications: oversized), "specifications"),
            ("241 months", ProductBody(warrantyMonths: 241), "warranty_months"),
            ("negative months", ProductBody(warrantyMonths: -1), "warranty_months"),
            ("unknown category", ProductBody(category: Guid.NewGuid()), "category_id"),
        };

        foreach (var (why, body, field) in cases)
        {
            var error = await AssertErrorAsync(await PostAsync(AdminProductsPath, body, _admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.That(Fields(error), Is.EqualTo(new[] { field }), why);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(Fields(await AssertErrorAsync(await PutAsync($"{AdminProductsPath}/{existing}", new { manufacturer_website = "javascript:alert(1)" }, _admin.AccessToken),
                HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "manufacturer_website" }));
            Assert.That(Fields(await AssertErrorAsync(await PutAsync($"{AdminProductsPath}/{existing}", new { specifications = new[] { "a" } }, _admin.AccessToken),
                HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "specifications" }));
            Assert.That(Fields(await AssertErrorAsync(await PutAsync($"{AdminProductsPath}/{existing}", new { category_id = Guid.NewGuid() }, _admin.AccessToken),
                HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "category_id" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM products"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>("SELECT coalesce(manufacturer_website, '-') || '|' || specifications::text || '|' || category_id FROM products"),
                Is.EqualTo($"-|{{}}|{AudioInterfaces}"));
        });

        var boundary = ProductBody("Scarlett 4i4", warrantyMonths: 240, website: "http://focusrite.com/en", specifications: new Dictionary<string, string> { ["notes"] = new string('x', 16 * 1024 - 20) });
        using var accepted = await PostAsync(AdminProductsPath, boundary, _admin.AccessToken);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_product_someone_owns_cannot_be_deleted_but_discontinued_it_leaves_search_and_lists_and_still_opens_by_id()
    {
        var owner = await UserWithRoleAsync("dj_nova");
        var owned = await ProductAsync(_admin, "Scarlett 2i2");
        var other = await ProductAsync(_admin, "Scarlett Solo");
        var gear = await GearAsync(owner, owned, serial: "S2-1");

        await AssertErrorAsync(await DeleteAsync($"{AdminProductsPath}/{owned}", _admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var discontinued = await OkDataAsync(await PutAsync($"{AdminProductsPath}/{owned}", new { status = "discontinued" }, _admin.AccessToken));

        var search = await ListAsync($"{ProductsPath}/search?q=scarlett");
        var list = await PageAsync(await GetAsync(ProductsPath));
        var byId = await ListAsync($"{ProductsPath}/{owned}");
        var adminAll = await PageAsync(await GetAsync(AdminProductsPath, _admin.AccessToken));
        var adminDiscontinued = await PageAsync(await GetAsync($"{AdminProductsPath}?status=discontinued", _admin.AccessToken));
        var adminActive = await PageAsync(await GetAsync($"{AdminProductsPath}?status=active", _admin.AccessToken));
        var ownersEntry = await ListAsync($"{GearPath}/{gear}", owner.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(discontinued["status"]!.GetValue<string>(), Is.EqualTo("discontinued"));
            Assert.That(IdsOf(search), Is.EqualTo(new[] { other }));
            Assert.That(Ids(list), Is.EqualTo(new[] { other }));
            Assert.That(byId["status"]!.GetValue<string>(), Is.EqualTo("discontinued"));
            Assert.That(Ids(adminAll), Is.EqualTo(new[] { owned, other }));
            Assert.That(Ids(adminDiscontinued), Is.EqualTo(new[] { owned }));
            Assert.That(Ids(adminActive), Is.EqualTo(new[] { other }));
            Assert.That(ownersEntry["product_name"]!.GetValue<string>(), Is.EqualTo("Scarlett 2i2"));
            Assert.That(await Database.ScalarAsync<string>("SELECT status FROM products WHERE id = @id", ("id", owned)), Is.EqualTo("discontinued"));
            await AssertErrorAsync(await GetAsync($"{AdminProductsPath}?status=retired", _admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        });
    }

    [Test]
    public async Task Deleting_a_product_nobody_owns_takes_its_documents_with_it()
    {
        var product = await ProductAsync(_admin, "Scarlett 2i2");
        using var document = await AddDocumentAsync(product, _admin.AccessToken);
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.Created), await document.Content.ReadAsStringAsync());

        using var deleted = await DeleteAsync($"{AdminProductsPath}/{product}", _admin.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM products"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM gear_files"), Is.Zero);
            await AssertErrorAsync(await GetAsync($"{ProductsPath}/{product}"), HttpStatusCode.NotFound, "NOT_FOUND");
        });
    }

    /// <summary>
    /// A category's usage counts its sub-categories and listings only, not its products: the foreign key stops the
    /// deletion, which answers 500 INTERNAL_ERROR today where 409 CONFLICT is meant (reported, not asserted). What is
    /// asserted is that it is not answered as done and that neither the category nor the product is lost.
    /// </summary>
    [Test]
    public async Task A_category_catalog_products_use_is_not_deleted_409_and_both_stay()
    {
        var product = await ProductAsync(_admin, "Vocal Chops Vol. 1", "Splice", SamplePacks);

        using var response = await DeleteAsync($"/api/v1/admin/categories/{SamplePacks}", _admin.AccessToken);

        Assert.Multiple(async () =>
        {
            await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM categories WHERE id = @id", ("id", SamplePacks)), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT category_id FROM products WHERE id = @id", ("id", product)), Is.EqualTo(SamplePacks));
        });
    }
}
