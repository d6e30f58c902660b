using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Veza.Domain.Ports;
using Veza.Infrastructure.Gear;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>People's own gear over HTTP against PostgreSQL: recording, lists, privacy, deletion with files, warranties and their reminders, and listings that sell it.</summary>
public class MyGearTests : GearApiTestBase
{
    private Tokens _admin = null!;
    private Tokens _owner = null!;
    private Tokens _other = null!;

    [SetUp]
    public async Task People()
    {
        _admin = await CatalogAdminAsync();
        _owner = await UserWithRoleAsync("dj_nova");
        _other = await UserWithRoleAsync("tape_loops");
    }

    [Test]
    public async Task Recording_gear_answers_201_and_its_warranty_ends_by_default_the_products_warranty_months_after_the_purchase()
    {
        var product = await ProductAsync(_admin, "Scarlett 2i2", "Focusrite", model: "2i2-3G", warrantyMonths: 36);

        using var response = await PostAsync(GearPath, new
        {
            product_id = product, version = "3rd gen", serial_number = " S2I2-0042 ", purchase_date = "2025-02-28", purchase_price = "149.00", currency = "EUR",
            notes = "Bought at the shop.",
        }, _owner.AccessToken);
        var explicitEnd = await RecordAsync(_owner, new { product_id = product, serial_number = "S2I2-0043", purchase_date = "2025-02-28", warranty_expires = "2026-01-15" });
        var undated = await RecordAsync(_owner, new { product_id = product, serial_number = "S2I2-0044" });

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var entry = body["data"]!;
        var id = Id(entry);
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"{GearPath}/{id}"));
            Assert.That(entry["product_id"]!.GetValue<Guid>(), Is.EqualTo(product));
            Assert.That(entry["product_name"]!.GetValue<string>(), Is.EqualTo("Scarlett 2i2"));
            Assert.That(entry["brand"]!.GetValue<string>(), Is.EqualTo("Focusrite"));
            Assert.That(entry["model"]!.GetValue<string>(), Is.EqualTo("2i2-3G"));
            Assert.That(entry["category_name"]!.GetValue<string>(), Is.EqualTo("Audio interfaces"));
            Assert.That(entry["serial_number"]!.GetValue<string>(), Is.EqualTo("S2I2-0042"), "trimmed");
            Assert.That(entry["purchase_date"]!.GetValue<string>(), Is.EqualTo("2025-02-28"));
            Assert.That(entry["purchase_price"]!.GetValue<string>(), Is.EqualTo("149.00"));
            Assert.That(entry["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2028-02-28"), "36 months after the purchase");
            Assert.That(entry["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(entry["files_count"]!.GetValue<int>(), Is.Zero);
            Assert.That(explicitEnd["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2026-01-15"), "a warranty end given is kept");
            Assert.That(undated["warranty_expires"], Is.Null, "no purchase date, no default end");
            Assert.That(undated["is_under_warranty"]!.GetValue<bool>(), Is.False);
            Assert.That(await Database.ScalarAsync<string>(
                "SELECT owner_id || '|' || product_id || '|' || serial_number || '|' || purchase_date || '|' || purchase_price || '|' || warranty_expires || '|' || status FROM user_products WHERE id = @id",
                ("id", id)), Is.EqualTo($"{_owner.UserId}|{product}|S2I2-0042|2025-02-28|149.00|2028-02-28|active"));
            Assert.That(Fields(await AssertErrorAsync(await PostAsync(GearPath, new { product_id = Guid.NewGuid() }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "product_id" }));
            Assert.That(Fields(await AssertErrorAsync(await PostAsync(GearPath, new { serial_number = "X" }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "product_id" }));
            await AssertErrorAsync(await PostAsync(GearPath, new { product_id = product }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        });
    }

    [Test]
    public async Task A_leap_day_purchase_with_twelve_months_of_warranty_ends_on_the_28th_of_february()
    {
        var yearly = await ProductAsync(_admin, "Babyface Pro", "RME", warrantyMonths: 12);
        var monthly = await ProductAsync(_admin, "Solo", "Focusrite", warrantyMonths: 1);

        var leap = await RecordAsync(_owner, new { product_id = yearly, purchase_date = "2024-02-29" });
        var intoLeapFebruary = await RecordAsync(_owner, new { product_id = monthly, purchase_date = "2024-01-31" });
        var intoFebruary = await RecordAsync(_owner, new { product_id = monthly, purchase_date = "2025-01-31", serial_number = "2" });

        Assert.Multiple(() =>
        {
            Assert.That(leap["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2025-02-28"));
            Assert.That(intoLeapFebruary["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2024-02-29"));
            Assert.That(intoFebruary["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2025-02-28"));
        });
    }

    [Test]
    public async Task A_purchase_date_after_today_is_refused_with_400_today_is_fine()
    {
        var product = await ProductAsync(_admin);
        PinToday(new DateOnly(2025, 6, 15));

        var tomorrow = await AssertErrorAsync(await PostAsync(GearPath, new { product_id = product, purchase_date = "2025-06-16" }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var today = await RecordAsync(_owner, new { product_id = product, purchase_date = "2025-06-15" });
        var later = await AssertErrorAsync(await PutAsync($"{GearPath}/{Id(today)}", new { purchase_date = "2025-06-16" }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Multiple(async () =>
        {
            Assert.That(Fields(tomorrow), Is.EqualTo(new[] { "purchase_date" }));
            Assert.That(Fields(later), Is.EqualTo(new[] { "purchase_date" }));
            Assert.That(today["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2028-06-15"));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(purchase_date::text, ',') FROM user_products"), Is.EqualTo("2025-06-15"));
        });
    }

    [Test]
    public async Task The_same_product_and_serial_twice_is_409_while_entries_without_a_serial_are_not_duplicates()
    {
        var product = await ProductAsync(_admin);
        var other = await ProductAsync(_admin, "Scarlett Solo");
        var first = await GearAsync(_owner, product, serial: "A1");

        var again = await AssertErrorAsync(await PostAsync(GearPath, new { product_id = product, serial_number = " A1 " }, _owner.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var noSerial1 = await GearAsync(_owner, product);
        var noSerial2 = await GearAsync(_owner, product);
        await GearAsync(_owner, other, serial: "A1");
        await GearAsync(_other, product, serial: "A1");
        var renamed = await AssertErrorAsync(await PutAsync($"{GearPath}/{noSerial1}", new { serial_number = "A1" }, _owner.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var keptOwn = await OkDataAsync(await PutAsync($"{GearPath}/{first}", new { serial_number = "A1", notes = "same serial, same entry" }, _owner.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(Fields(again), Is.EqualTo(new[] { "serial_number" }));
            Assert.That(Fields(renamed), Is.EqualTo(new[] { "serial_number" }));
            Assert.That(noSerial2, Is.Not.EqualTo(noSerial1));
            Assert.That(keptOwn["notes"]!.GetValue<string>(), Is.EqualTo("same serial, same entry"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_products WHERE owner_id = @o AND product_id = @p", ("o", _owner.UserId), ("p", product)),
                Is.EqualTo(3));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_products WHERE serial_number = 'A1'"), Is.EqualTo(3));
            Assert.That(await Database.ScalarAsync<string>("SELECT coalesce(serial_number, '-') FROM user_products WHERE id = @id", ("id", noSerial1)), Is.EqualTo("-"));
        });
    }

    [Test]
    public async Task Listing_my_gear_shows_only_mine_newest_first_filtered_by_status_category_and_text()
    {
        var scarlett = await ProductAsync(_admin, "Scarlett 2i2", "Focusrite");
        var sm7b = await ProductAsync(_admin, "SM7B", "Shure", Microphones);
        var strat = await ProductAsync(_admin, "Stratocaster", "Fender", Guitars);
        var desk = await GearAsync(_owner, scarlett, notes: "On the studio desk");
        var mic = await GearAsync(_owner, sm7b, serial: "SM7-XYZ");
        var guitar = await GearAsync(_owner, strat, serial: "US-100");
        await OkDataAsync(await PutAsync($"{GearPath}/{guitar}", new { status = "sold" }, _owner.AccessToken));
        await GearAsync(_other, sm7b, serial: "SM7-XYZ-2");

        async Task<Guid[]> MineAsync(string query) => Ids(await PageAsync(await GetAsync($"{GearPath}{query}", _owner.AccessToken)));

        var all = await PageAsync(await GetAsync(GearPath, _owner.AccessToken));
        Assert.Multiple(async () =>
        {
            Assert.That(Ids(all), Is.EqualTo(new[] { guitar, mic, desk }), "newest first");
            Assert.That(all["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(await MineAsync("?status=sold"), Is.EqualTo(new[] { guitar }));
            Assert.That(await MineAsync("?status=active"), Is.EqualTo(new[] { mic, desk }));
            Assert.That(await MineAsync("?status=broken"), Is.Empty);
            Assert.That(await MineAsync($"?category={Studio}"), Is.EqualTo(new[] { mic, desk }), "Studio with its sub-categories");
            Assert.That(await MineAsync($"?category={Microphones}"), Is.EqualTo(new[] { mic }));
            Assert.That(await MineAsync($"?category={Instruments}&status=sold"), Is.EqualTo(new[] { guitar }));
            Assert.That(await MineAsync("?q=xyz"), Is.EqualTo(new[] { mic }), "serial, any case; not the other user's");
            Assert.That(await MineAsync("?q=DESK"), Is.EqualTo(new[] { desk }), "notes");
            Assert.That(await MineAsync("?q=focus"), Is.EqualTo(new[] { desk }), "brand");
            Assert.That(await MineAsync("?q=strato"), Is.EqualTo(new[] { guitar }), "product name");
            Assert.That(await MineAsync("?q=100%25"), Is.Empty, "% is a character, not a wildcard");
            Assert.That(Ids(await PageAsync(await GetAsync(GearPath, _other.AccessToken))), Has.Length.EqualTo(1));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{GearPath}?status=lost", _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "status" }));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{GearPath}?category={Guid.NewGuid()}", _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "category" }));
            await AssertErrorAsync(await GetAsync(GearPath), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        });
    }

    [Test]
    public async Task Someone_elses_gear_is_not_found_to_read_change_delete_or_attach_files_to()
    {
        var product = await ProductAsync(_admin);
        var gear = await GearAsync(_owner, product, serial: "S-1", notes: "mine");

        Assert.Multiple(async () =>
        {
            await AssertErrorAsync(await GetAsync($"{GearPath}/{gear}", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await PutAsync($"{GearPath}/{gear}", new { notes = "theirs now", status = "sold" }, _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await DeleteAsync($"{GearPath}/{gear}", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await DeleteAsync($"{GearPath}/{gear}?with_files=true", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await AttachAsync(gear, _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await GetAsync($"{GearPath}/{gear}/files", _other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await GetAsync($"{GearPath}/{gear}", _admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await GetAsync($"{GearPath}/{Guid.NewGuid()}", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await GetAsync($"{GearPath}/{gear}"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            Assert.That(await Database.ScalarAsync<string>("SELECT owner_id || '|' || notes || '|' || status FROM user_products WHERE id = @id", ("id", gear)),
                Is.EqualTo($"{_owner.UserId}|mine|active"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM gear_files"), Is.Zero);
        });
    }

    [Test]
    public async Task The_owner_changes_the_fields_sent_and_the_status_but_not_the_product()
    {
        var product = await ProductAsync(_admin, warrantyMonths: 24);
        var other = await ProductAsync(_admin, "Scarlett Solo");
        var gear = await GearAsync(_owner, product, serial: "S-1", purchased: "2025-03-10", notes: "first notes");

        var sold = await OkDataAsync(await PutAsync($"{GearPath}/{gear}", new { status = "sold" }, _owner.AccessToken));
        var edited = await OkDataAsync(await PutAsync($"{GearPath}/{gear}", new { notes = "", version = "Gen 4", warranty_expires = "2027-12-31" }, _owner.AccessToken));
        var read = await OkDataAsync(await GetAsync($"{GearPath}/{gear}", _owner.AccessToken));

        Assert.Multiple(async () =>
        {
            Assert.That(sold["status"]!.GetValue<string>(), Is.EqualTo("sold"));
            Assert.That(sold["notes"]!.GetValue<string>(), Is.EqualTo("first notes"), "fields left out stay");
            Assert.That(edited["status"]!.GetValue<string>(), Is.EqualTo("sold"));
            Assert.That(edited["notes"], Is.Null, "an empty text clears it");
            Assert.That(edited["version"]!.GetValue<string>(), Is.EqualTo("Gen 4"));
            Assert.That(edited["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2027-12-31"));
            Assert.That(read["serial_number"]!.GetValue<string>(), Is.EqualTo("S-1"));
            Assert.That(read["purchase_date"]!.GetValue<string>(), Is.EqualTo("2025-03-10"));
            Assert.That(Fields(await AssertErrorAsync(await PutAsync($"{GearPath}/{gear}", new { product_id = other }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "product_id" }));
            Assert.That(Fields(await AssertErrorAsync(await PutAsync($"{GearPath}/{gear}", new { status = "lost" }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "status" }));
            Assert.That(await Database.ScalarAsync<string>("SELECT product_id || '|' || status || '|' || coalesce(notes, '-') FROM user_products WHERE id = @id", ("id", gear)),
                Is.EqualTo($"{product}|sold|-"));
        });
    }

    [Test]
    public async Task Deleting_gear_with_files_is_409_unless_with_files_which_deletes_them_too()
    {
        var product = await ProductAsync(_admin);
        var gear = await GearAsync(_owner, product, serial: "S-1");
        var bare = await GearAsync(_owner, product, serial: "S-2");
        using var manual = await AddDocumentAsync(product, _admin.AccessToken);
        Assert.That(manual.StatusCode, Is.EqualTo(HttpStatusCode.Created), await manual.Content.ReadAsStringAsync());
        using var attached = await AttachAsync(gear, _owner.AccessToken);
        var file = (await BodyAsync(attached))["data"]!;
        Assert.That(attached.StatusCode, Is.EqualTo(HttpStatusCode.Created), file.ToJsonString());
        var fileId = Id(file);
        var stored = Path.Combine(StorageRoot, "files", fileId.ToString("N"), "original");
        var withFile = await OkDataAsync(await GetAsync($"{GearPath}/{gear}", _owner.AccessToken));

        var refused = await AssertErrorAsync(await DeleteAsync($"{GearPath}/{gear}", _owner.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var rowsAfterRefusal = await Database.ScalarAsync<long>("SELECT count(*) FROM gear_files WHERE user_product_id = @id", ("id", gear));
        using var explicitFalse = await DeleteAsync($"{GearPath}/{gear}?with_files=false", _owner.AccessToken);
        using var deleted = await DeleteAsync($"{GearPath}/{gear}?with_files=true", _owner.AccessToken);
        using var deletedBare = await DeleteAsync($"{GearPath}/{bare}", _owner.AccessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(file["type"]!.GetValue<string>(), Is.EqualTo("document"));
            Assert.That(file["user_product_id"]!.GetValue<Guid>(), Is.EqualTo(gear));
            Assert.That(withFile["files_count"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(withFile["docs_count"]!.GetValue<int>(), Is.EqualTo(1), "the product's manual");
            Assert.That(refused["error"]!["message"]!.GetValue<string>(), Does.Contain("with_files"));
            Assert.That(rowsAfterRefusal, Is.EqualTo(1));
            Assert.That(explicitFalse.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
            Assert.That(deletedBare.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deletedBare.Content.ReadAsStringAsync());
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM gear_files WHERE user_product_id IS NOT NULL"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM gear_files WHERE product_id = @p", ("p", product)), Is.EqualTo(1), "the catalog's manual stays");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_products"), Is.Zero);
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!File.Exists(stored))), Is.True, "the stored bytes are deleted by the job");
            await AssertErrorAsync(await GetAsync($"/api/v1/files/{fileId}", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
            await AssertErrorAsync(await GetAsync($"{GearPath}/{gear}", _owner.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        });
    }

    [Test]
    public async Task Warranties_ending_today_tomorrow_yesterday_and_in_30_or_31_days_are_classified_as_of_the_clocks_today()
    {
        var product = await ProductAsync(_admin, warrantyMonths: 0);
        var today = await GearAsync(_owner, product, "today", "2025-01-01", "2025-06-15");
        var tomorrow = await GearAsync(_owner, product, "tomorrow", "2025-01-01", "2025-06-16");
        var yesterday = await GearAsync(_owner, product, "yesterday", "2025-01-01", "2025-06-14");
        var in30 = await GearAsync(_owner, product, "in30", "2025-01-01", "2025-07-15");
        var in31 = await GearAsync(_owner, product, "in31", "2025-01-01", "2025-07-16");
        await GearAsync(_owner, product, "none", "2025-01-01");
        var soldToday = await GearAsync(_owner, product, "sold", "2025-01-01", "2025-06-15");
        await OkDataAsync(await PutAsync($"{GearPath}/{soldToday}", new { status = "sold" }, _owner.AccessToken));
        await GearAsync(_other, product, "theirs", "2025-01-01", "2025-06-20");
        PinToday(new DateOnly(2025, 6, 15));

        async Task<(bool Under, int? Left)> WarrantyOfAsync(Guid id)
        {
            var entry = await OkDataAsync(await GetAsync($"{GearPath}/{id}", _owner.AccessToken));
            return (entry["is_under_warranty"]!.GetValue<bool>(), entry["days_of_warranty_left"]?.GetValue<int>());
        }

        async Task<Guid[]> WarrantiesAsync(string query) => IdsOf(await OkDataAsync(await GetAsync($"{GearPath}/warranty{query}", _owner.AccessToken)));

        Assert.Multiple(async () =>
        {
            Assert.That(await WarrantyOfAsync(today), Is.EqualTo((true, (int?)0)), "the last day is covered");
            Assert.That(await WarrantyOfAsync(tomorrow), Is.EqualTo((true, (int?)1)));
            Assert.That(await WarrantyOfAsync(yesterday), Is.EqualTo((false, (int?)null)));
            Assert.That(await WarrantyOfAsync(in30), Is.EqualTo((true, (int?)30)));
            Assert.That(await WarrantyOfAsync(in31), Is.EqualTo((true, (int?)31)));
            Assert.That(await WarrantiesAsync("?filter=expiring"), Is.EqualTo(new[] { today, tomorrow, in30 }), "within 30 days, both ends included, soonest first; not the sold one");
            Assert.That(await WarrantiesAsync("?filter=active"), Is.EqualTo(new[] { today, tomorrow, in30, in31 }));
            Assert.That(await WarrantiesAsync(""), Is.EqualTo(new[] { today, tomorrow, in30, in31 }), "active by default");
            Assert.That(await WarrantiesAsync("?filter=expired"), Is.EqualTo(new[] { yesterday }));
            Assert.That(Fields(await AssertErrorAsync(await GetAsync($"{GearPath}/warranty?filter=soon", _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")),
                Is.EqualTo(new[] { "filter" }));
            await AssertErrorAsync(await GetAsync($"{GearPath}/warranty"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        });

        var list = await PageAsync(await GetAsync($"{GearPath}?q=yesterday", _owner.AccessToken));
        Assert.That(list["data"]![0]!["is_under_warranty"]!.GetValue<bool>(), Is.False, "the list answers as of the same today");
    }

    [Test]
    public async Task Warranty_reminders_go_out_30_and_7_days_before_the_end_once_each_and_again_for_a_new_end()
    {
        var reminders = Factory.Services.GetRequiredService<WarrantyReminderService>();
        var product = await ProductAsync(_admin, "Scarlett 2i2", warrantyMonths: 0);
        var gear = await GearAsync(_owner, product, "S2-77", "2025-01-01", "2025-07-31");
        var sold = await GearAsync(_owner, product, "S2-78", "2025-01-01", "2025-07-31");
        await OkDataAsync(await PutAsync($"{GearPath}/{sold}", new { status = "sold" }, _owner.AccessToken));
        await GearAsync(_other, product, "S2-79", "2025-01-01", "2025-12-31");

        async Task<int> RunOnAsync(int year, int month, int day)
        {
            PinToday(new DateOnly(year, month, day));
            return await reminders.RunOnceAsync(CancellationToken.None);
        }

        var dayBefore30 = await RunOnAsync(2025, 6, 30);
        var at30 = await RunOnAsync(2025, 7, 1);
        var at30Again = await RunOnAsync(2025, 7, 1);
        var at29 = await RunOnAsync(2025, 7, 2);
        var at8 = await RunOnAsync(2025, 7, 23);
        var afterMonth = await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = @u AND kind = 'warranty_expiring'", ("u", _owner.UserId));
        var at7 = await RunOnAsync(2025, 7, 24);
        var at7Again = await RunOnAsync(2025, 7, 24);
        var at1 = await RunOnAsync(2025, 7, 30);
        var atEnd = await RunOnAsync(2025, 7, 31);

        var notifications = (await OkDataAsync(await GetAsync("/api/v1/notifications", _owner.AccessToken))).AsArray();
        var byDaysLeft = notifications.OrderByDescending(n => n!["payload"]!["days_left"]!.GetValue<int>()).ToArray();
        Assert.Multiple(async () =>
        {
            Assert.That(new[] { dayBefore30, at30, at30Again, at29, at8, at7, at7Again, at1, atEnd }, Is.EqualTo(new[] { 0, 1, 0, 0, 0, 1, 0, 0, 0 }));
            Assert.That(afterMonth, Is.EqualTo(1));
            Assert.That(notifications.Select(n => n!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "warranty_expiring", "warranty_expiring" }));
            Assert.That(byDaysLeft.Select(n => n!["payload"]!["days_left"]!.GetValue<int>()), Is.EqualTo(new[] { 30, 7 }));
            Assert.That(byDaysLeft.Select(n => n!["payload"]!["user_product_id"]!.GetValue<Guid>()), Is.All.EqualTo(gear), "not the sold one");
            Assert.That(byDaysLeft[0]!["payload"]!["warranty_expires"]!.GetValue<string>(), Is.EqualTo("2025-07-31"));
            Assert.That(byDaysLeft[0]!["payload"]!["product_name"]!.GetValue<string>(), Is.EqualTo("Scarlett 2i2"));
            Assert.That(byDaysLeft[0]!["payload"]!["serial_number"]!.GetValue<string>(), Is.EqualTo("S2-77"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id <> @u", ("u", _owner.UserId)), Is.Zero);
            Assert.That(await Database.ScalarAsync<bool>("SELECT reminder_month_sent_at IS NOT NULL AND reminder_week_sent_at IS NOT NULL FROM user_products WHERE id = @id", ("id", gear)),
                Is.True);
        });

        // A new warranty end makes its reminders due again: 27 days before it, the month one.
        await RunOnAsync(2025, 7, 24);
        await OkDataAsync(await PutAsync($"{GearPath}/{gear}", new { warranty_expires = "2025-08-20" }, _owner.AccessToken));
        Assert.That(await reminders.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await reminders.RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(await Database.ScalarsAsync<int>(
                "SELECT (payload->>'days_left')::int FROM notifications WHERE user_id = @u ORDER BY (payload->>'days_left')::int DESC", ("u", _owner.UserId)),
            Is.EqualTo(new[] { 30, 27, 7 }));
    }

    [Test]
    public async Task Two_reminder_passes_at_once_send_a_due_reminder_once()
    {
        var reminders = Factory.Services.GetRequiredService<WarrantyReminderService>();
        var product = await ProductAsync(_admin, warrantyMonths: 0);
        for (var i = 0; i < 5; i++)
        {
            await GearAsync(_owner, product, $"S-{i}", "2025-01-01", "2025-07-31");
        }

        PinToday(new DateOnly(2025, 7, 1));
        var passes = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await reminders.RunOnceAsync(CancellationToken.None);
            }
            catch (Exception)
            {
                return 0; // the pass that lost the race; the service logs it and tries again later
            }
        })).ToArray();
        await Task.WhenAll(passes);
        var late = await reminders.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'warranty_expiring'"), Is.EqualTo(5), "one each");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(DISTINCT payload->>'user_product_id') FROM notifications"), Is.EqualTo(5));
            Assert.That(passes.Sum(p => p.Result) + late, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task A_listing_may_sell_gear_the_seller_records_and_not_someone_elses()
    {
        var product = await ProductAsync(_admin);
        var mine = await GearAsync(_owner, product, serial: "MINE");
        var theirs = await GearAsync(_other, product, serial: "THEIRS");

        var withMine = ListingBody("Scarlett 2i2, barely used");
        withMine["user_product_id"] = mine;
        using var created = await PostAsync("/api/v1/listings", withMine, _owner.AccessToken);
        var createdBody = await BodyAsync(created);
        var withTheirs = ListingBody("Scarlett 2i2, not mine");
        withTheirs["user_product_id"] = theirs;
        var refused = await AssertErrorAsync(await PostAsync("/api/v1/listings", withTheirs, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var unknown = ListingBody("Scarlett 2i2, ghost");
        unknown["user_product_id"] = Guid.NewGuid();
        var refusedUnknown = await AssertErrorAsync(await PostAsync("/api/v1/listings", unknown, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), createdBody.ToJsonString());
        var listing = Id(createdBody["data"]!);
        var moved = await AssertErrorAsync(await PutAsync($"/api/v1/listings/{listing}", new { user_product_id = theirs }, _owner.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Multiple(async () =>
        {
            Assert.That(createdBody["data"]!["user_product_id"]!.GetValue<Guid>(), Is.EqualTo(mine));
            Assert.That(Fields(refused), Is.EqualTo(new[] { "user_product_id" }));
            Assert.That(Fields(refusedUnknown), Is.EqualTo(new[] { "user_product_id" }));
            Assert.That(Fields(moved), Is.EqualTo(new[] { "user_product_id" }));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(coalesce(user_product_id::text, '-'), ',') FROM listings"), Is.EqualTo(mine.ToString()));
        });
    }
}

/// <summary>Warranty reminders recorded before a restart are not sent again by the next node; what falls due later still is.</summary>
public class MyGearReminderRestartTests
{
    private const string Password = "violet-tape-deck-42";

    [Test]
    public async Task A_reminder_sent_before_a_restart_is_not_sent_again_by_the_next_node()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new MarketApiTestBase.ShiftedClock();
        void UseClock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IClock>(clock));
        void Pin(DateOnly day) => clock.Shift = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) - DateTimeOffset.UtcNow;
        Guid owner;
        Guid gear;
        await using (var first = new VezaApiFactory(database.ConnectionString, null, UseClock))
        {
            using var client = first.CreateClient();
            (owner, var ownerToken) = await RegisterAsync(client, "dj_nova");
            var (adminId, _) = await RegisterAsync(client, "admin_ana");
            await database.ScalarAsync<int>("UPDATE users SET role = 'admin' WHERE id = @id RETURNING 1", ("id", adminId));
            var adminToken = await LoginAsync(client, "admin_ana");
            var product = (await SendAsync(client, "/api/v1/admin/products",
                new { name = "Scarlett 2i2", brand = "Focusrite", category_id = Guid.Parse("0193a000-0000-7000-8000-000000000201"), warranty_months = 0 }, adminToken))["id"]!.GetValue<Guid>();
            gear = (await SendAsync(client, "/api/v1/user-products",
                new { product_id = product, serial_number = "S2-77", purchase_date = "2025-01-01", warranty_expires = "2025-07-31" }, ownerToken))["id"]!.GetValue<Guid>();

            Pin(new DateOnly(2025, 7, 1));
            Assert.That(await first.Services.GetRequiredService<WarrantyReminderService>().RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        }

        await using var second = new VezaApiFactory(database.ConnectionString, null, UseClock);
        using var _ = second.CreateClient();
        var reminders = second.Services.GetRequiredService<WarrantyReminderService>();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(await reminders.RunOnceAsync(CancellationToken.None), Is.Zero, "the month reminder is recorded");
        Assert.That(await CountAsync(database, owner), Is.EqualTo(1), "nor did the next node's pass at start send it again");

        Pin(new DateOnly(2025, 7, 24));
        Assert.That(await reminders.RunOnceAsync(CancellationToken.None), Is.EqualTo(1), "the week reminder still falls due");
        Assert.That(await CountAsync(database, owner), Is.EqualTo(2));
        Assert.That(await database.ScalarAsync<string>(
            "SELECT string_agg(payload->>'days_left', ',' ORDER BY (payload->>'days_left')::int DESC) FROM notifications WHERE payload->>'user_product_id' = @g", ("g", gear.ToString())),
            Is.EqualTo("30,7"));
    }

    private static async Task<long> CountAsync(TestDatabase database, Guid owner) =>
        await database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = @u AND kind = 'warranty_expiring'", ("u", owner));

    private static async Task<(Guid Id, string AccessToken)> RegisterAsync(HttpClient client, string username)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { username, email = $"{username}@example.com", password = Password });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return (body["data"]!["user"]!["id"]!.GetValue<Guid>(), body["data"]!["access_token"]!.GetValue<string>());
    }

    private static async Task<string> LoginAsync(HttpClient client, string login)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { login, password = Password });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["data"]!["access_token"]!.GetValue<string>();
    }

    /// <summary>POSTs as the user and returns data of the 201.</summary>
    private static async Task<JsonNode> SendAsync(HttpClient client, string path, object body, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), answer.ToJsonString());
        return answer["data"]!;
    }
}
