using System.Text;
using Veza.Domain.Common;
using Veza.Domain.Gear;
using static Veza.Domain.Tests.MarketplaceFixtures;

namespace Veza.Domain.Tests;

/// <summary>The catalog, owned gear and its warranty reminders, and gear files: what their bytes are, what they are called, who reads them.</summary>
public class GearTests
{
    /// <summary>The day of <see cref="MarketplaceFixtures.Now"/> (1 December 2026).</summary>
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static ProductDetails Interface(int warrantyMonths = 24) =>
        new("Scarlett 2i2 (3rd gen)", Synths, "Focusrite", "2i2-3G", "Two-in, two-out USB interface.", 169m, "EUR", warrantyMonths,
            "Register within 30 days.", "https://focusrite.com/scarlett", """{"inputs":2,"outputs":2,"usb":"C"}""", ProductStatus.Active);

    private static Product NewProduct(int warrantyMonths = 24) => Product.Create(Guid.NewGuid(), Interface(warrantyMonths), Now);

    private static OwnedGearDetails Bought(DateOnly? on, DateOnly? warrantyExpires = null, OwnedGearStatus status = OwnedGearStatus.Active) =>
        new("3rd gen", "S2I2-0001", on, 149.90m, "EUR", warrantyExpires, "Bought at the shop downtown.", status);

    private static OwnedGear Owned(DateOnly? purchased, DateOnly? warrantyExpires = null, Product? product = null, OwnedGearStatus status = OwnedGearStatus.Active) =>
        OwnedGear.Record(Guid.NewGuid(), Seller, product ?? NewProduct(), Bought(purchased, warrantyExpires, status), Today, Now);

    /// <summary>Owned gear whose warranty ends <paramref name="daysLeft"/> days after today.</summary>
    private static OwnedGear Ending(int daysLeft, OwnedGearStatus status = OwnedGearStatus.Active) =>
        Owned(Today.AddYears(-2), Today.AddDays(daysLeft), status: status);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    // --- file formats ---

    [Test]
    public void Files_are_recognised_by_their_first_bytes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(GearFileFormats.Detect(Bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj")), Is.EqualTo(GearFileFormat.Pdf));
            Assert.That(GearFileFormats.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]), Is.EqualTo(GearFileFormat.Png));
            Assert.That(GearFileFormats.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]), Is.EqualTo(GearFileFormat.Jpeg));
            Assert.That(GearFileFormats.Detect(Concat(Bytes("RIFF"), [0x24, 0x08, 0x00, 0x00], Bytes("WEBPVP8 "))), Is.EqualTo(GearFileFormat.Webp));
            Assert.That(GearFileFormats.Detect(Bytes("Serial: S2I2-0001\r\nBought 12 March, 149,90 €\n")), Is.EqualTo(GearFileFormat.Text));
        });
    }

    [Test]
    public void A_riff_file_that_is_not_webp_is_not_an_image()
    {
        Assert.That(GearFileFormats.Detect(Concat(Bytes("RIFF"), [0x24, 0x08, 0x00, 0x00], Bytes("WAVEfmt "))), Is.Null);
        Assert.That(GearFileFormats.Detect(Bytes("RIFF")), Is.EqualTo(GearFileFormat.Text), "too short to be WebP, and plain text");
    }

    [Test]
    public void Text_may_open_with_a_byte_order_mark_and_hold_any_language()
    {
        Assert.Multiple(() =>
        {
            Assert.That(GearFileFormats.Detect(Concat([0xEF, 0xBB, 0xBF], Bytes("Garantie : 2 ans"))), Is.EqualTo(GearFileFormat.Text));
            Assert.That(GearFileFormats.Detect(Bytes("保証書 — Гарантия — 🎸")), Is.EqualTo(GearFileFormat.Text));
            Assert.That(GearFileFormats.Detect(Bytes("   ")), Is.EqualTo(GearFileFormat.Text));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Text_whose_header_ends_inside_a_multi_byte_character_is_still_text(int bytesKept)
    {
        var guitar = Bytes("🎸"); // four bytes
        var header = Concat(Bytes(new string('a', GearFileFormats.HeaderLength - bytesKept)), guitar[..bytesKept]);

        Assert.That(header, Has.Length.EqualTo(GearFileFormats.HeaderLength));
        Assert.That(GearFileFormats.Detect(header), Is.EqualTo(GearFileFormat.Text));
    }

    [TestCase("<!DOCTYPE html><html><script>alert(1)</script>")]
    [TestCase("<html><body>invoice</body></html>")]
    [TestCase("  \r\n\t <html>")]
    [TestCase("\n\n<script>alert(1)</script>")]
    [TestCase("\uFEFF<html>")]
    [TestCase("\uFEFF \n<html>")]
    [TestCase("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [TestCase("<?xml version=\"1.0\"?><svg/>")]
    [TestCase("<?xml version=\"1.0\" encoding=\"UTF-8\"?><note>warranty</note>")]
    public void Markup_is_refused_whatever_blanks_or_byte_order_mark_come_first(string markup) =>
        Assert.That(GearFileFormats.Detect(Bytes(markup)), Is.Null);

    [Test]
    public void Markup_after_a_form_feed_is_refused_too() =>
        Assert.That(GearFileFormats.Detect(Bytes("\f<html><script>alert(1)</script></html>")), Is.Null);

    [Test]
    public void Text_that_merely_mentions_markup_later_is_text() =>
        Assert.That(GearFileFormats.Detect(Bytes("Note: the manual says <b>do not</b> open the case.")), Is.EqualTo(GearFileFormat.Text));

    [Test]
    public void Archives_binaries_invalid_utf8_and_empty_files_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(GearFileFormats.Detect([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), Is.Null, "zip");
            Assert.That(GearFileFormats.Detect(Bytes("PK\u0003\u0004\u0014\u0000\u0008\u0000manual.pdf")), Is.Null, "zip with a PDF inside");
            Assert.That(GearFileFormats.Detect(Bytes("plain text\0with a NUL")), Is.Null, "NUL byte");
            Assert.That(GearFileFormats.Detect(Encoding.Unicode.GetBytes("UTF-16 text")), Is.Null, "UTF-16 (NUL bytes)");
            Assert.That(GearFileFormats.Detect(Concat(Bytes("caf"), [0xE9], Bytes(" au lait, Latin-1"))), Is.Null, "Latin-1 é");
            Assert.That(GearFileFormats.Detect(Concat(Bytes("abc"), [0xC0, 0xAF], Bytes("def"))), Is.Null, "overlong slash");
            Assert.That(GearFileFormats.Detect(Concat(Bytes("abc"), [0xED, 0xA0, 0x80], Bytes("def"))), Is.Null, "encoded surrogate");
            Assert.That(GearFileFormats.Detect(Concat(Bytes("abc"), [0xFF, 0xFE, 0xFD, 0xFC], Bytes("def"))), Is.Null, "invalid bytes");
            Assert.That(GearFileFormats.Detect([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]), Is.Null, "ELF");
            Assert.That(GearFileFormats.Detect([]), Is.Null, "empty");
        });
    }

    [Test]
    public void Each_format_has_its_content_type_and_extension()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Enum.GetValues<GearFileFormat>().Select(GearFileFormats.ContentType),
                Is.EqualTo(new[] { "application/pdf", "image/png", "image/jpeg", "image/webp", "text/plain; charset=utf-8" }));
            Assert.That(Enum.GetValues<GearFileFormat>().Select(GearFileNames.Extension), Is.EqualTo(new[] { ".pdf", ".png", ".jpg", ".webp", ".txt" }));
            Assert.That(Enum.GetValues<GearFileFormat>().Where(GearFileFormats.IsImage),
                Is.EqualTo(new[] { GearFileFormat.Png, GearFileFormat.Jpeg, GearFileFormat.Webp }));
        });
    }

    // --- file names ---

    [TestCase("invoice.pdf", GearFileFormat.Pdf, "invoice.pdf")]
    [TestCase("../../etc/passwd", GearFileFormat.Text, "passwd.txt")]
    [TestCase("/var/www/invoice.pdf", GearFileFormat.Pdf, "invoice.pdf")]
    [TestCase(@"C:\Users\ana\Documents\Scarlett invoice.pdf", GearFileFormat.Pdf, "Scarlett invoice.pdf")]
    [TestCase(@"..\..\boot.ini", GearFileFormat.Text, "boot.txt")]
    [TestCase("folder/", GearFileFormat.Pdf, "file.pdf")]
    public void A_name_keeps_only_its_last_path_part(string name, GearFileFormat format, string expected) =>
        Assert.That(GearFileNames.Sanitise(name, format), Is.EqualTo(expected));

    [TestCase("\"quoted\".pdf", "_quoted_.pdf")]
    [TestCase("a:b*c?d<e>f|g.pdf", "a_b_c_d_e_f_g.pdf")]
    [TestCase("bell\u0007tab\tdel\u007F.pdf", "bell_tab_del_.pdf")]
    [TestCase("invoice\r\nX-Injected: 1.pdf", "invoice__X-Injected_ 1.pdf")]
    [TestCase("line\nbreak\r.pdf", "line_break_.pdf")]
    [TestCase("invoice\u202Efdp.exe", "invoice_fdp.pdf")]
    [TestCase("zero\u200Bwidth\u200Djoin\uFEFF.pdf", "zero_width_join_.pdf")]
    [TestCase("  ..hidden.  ", "hidden.pdf")]
    public void Quotes_separators_control_and_format_characters_become_underscores(string name, string expected) =>
        Assert.That(GearFileNames.Sanitise(name, GearFileFormat.Pdf), Is.EqualTo(expected));

    [Test]
    public void A_name_is_composed_as_typed_on_most_keyboards() =>
        Assert.That(GearFileNames.Sanitise("e\u0301te\u0301.pdf", GearFileFormat.Pdf), Is.EqualTo("\u00E9t\u00E9.pdf"));

    [TestCase("manual.html", GearFileFormat.Pdf, "manual.pdf")]
    [TestCase("photo.PNG", GearFileFormat.Jpeg, "photo.jpg")]
    [TestCase("scan", GearFileFormat.Webp, "scan.webp")]
    [TestCase("notes.tar.gz", GearFileFormat.Text, "notes.tar.txt")]
    [TestCase("invoice.pdf.svg", GearFileFormat.Png, "invoice.pdf.png")]
    public void The_extension_is_the_one_of_what_the_bytes_are(string name, GearFileFormat format, string expected) =>
        Assert.That(GearFileNames.Sanitise(name, format), Is.EqualTo(expected));

    [TestCase(null, "file.pdf")]
    [TestCase("", "file.pdf")]
    [TestCase("   ", "file.pdf")]
    [TestCase("...", "file.pdf")]
    [TestCase("/", "file.pdf")]
    [TestCase("C:\\", "file.pdf")]
    [TestCase(".pdf", "pdf.pdf")]
    [TestCase("\u202E", "_.pdf")]
    public void A_name_with_nothing_left_is_file(string? name, string expected) =>
        Assert.That(GearFileNames.Sanitise(name, GearFileFormat.Pdf), Is.EqualTo(expected));

    [TestCase(GearFileFormat.Pdf)]
    [TestCase(GearFileFormat.Webp)]
    [TestCase(GearFileFormat.Jpeg)]
    public void A_long_name_is_cut_to_two_hundred_characters_with_its_extension(GearFileFormat format)
    {
        var extension = GearFileNames.Extension(format);

        var sanitised = GearFileNames.Sanitise(new string('n', 300) + ".pdf", format);

        Assert.Multiple(() =>
        {
            Assert.That(sanitised, Has.Length.EqualTo(GearFile.FileNameMaxLength));
            Assert.That(sanitised, Is.EqualTo(new string('n', GearFile.FileNameMaxLength - extension.Length) + extension));
        });
    }

    [Test]
    public void A_name_of_two_hundred_characters_is_kept_whole() =>
        Assert.That(GearFileNames.Sanitise(new string('n', 196) + ".pdf", GearFileFormat.Pdf), Is.EqualTo(new string('n', 196) + ".pdf"));

    [Test]
    public void A_long_name_is_never_cut_inside_a_character()
    {
        var sanitised = GearFileNames.Sanitise(string.Concat(Enumerable.Repeat("🎸", 150)) + ".webp", GearFileFormat.Webp);

        Assert.Multiple(() =>
        {
            Assert.That(sanitised, Has.Length.LessThanOrEqualTo(GearFile.FileNameMaxLength));
            Assert.That(sanitised, Does.EndWith(".webp"));
            Assert.DoesNotThrow(() => new UTF8Encoding(false, true).GetByteCount(sanitised), "no lone surrogate");
        });
    }

    // --- gear files ---

    [Test]
    public void A_file_of_owned_gear_takes_its_owner_a_safe_name_and_the_format_s_content_type()
    {
        var gear = Owned(Today.AddMonths(-2));
        var id = Guid.NewGuid();

        var file = GearFile.ForOwnedGear(id, gear, GearFileType.Invoice, GearFileFormat.Pdf, "C:\\scans\\facture \"mars\".html", 52_000, Now);

        Assert.Multiple(() =>
        {
            Assert.That(file.OwnerId, Is.EqualTo(Seller));
            Assert.That(file.OwnedGearId, Is.EqualTo(gear.Id));
            Assert.That(file.ProductId, Is.Null);
            Assert.That(file.IsCatalogDocument, Is.False);
            Assert.That(file.FileName, Is.EqualTo("facture _mars_.pdf"));
            Assert.That(file.ContentType, Is.EqualTo("application/pdf"));
            Assert.That(file.StorageKey, Is.EqualTo($"files/{id:N}/original"));
            Assert.That(file.ThumbnailKey, Is.Null);
        });
    }

    [Test]
    public void A_user_s_file_is_readable_by_its_owner_alone()
    {
        var file = GearFile.ForOwnedGear(Guid.NewGuid(), Owned(Today), GearFileType.Warranty, GearFileFormat.Jpeg, "warranty.jpg", 1_000, Now);

        Assert.Multiple(() =>
        {
            Assert.That(file.IsReadableBy(Seller), Is.True);
            Assert.That(file.IsReadableBy(Stranger), Is.False);
            Assert.That(file.IsReadableBy(null), Is.False, "anonymous");
        });
    }

    [Test]
    public void A_catalog_document_is_readable_by_anyone()
    {
        var product = NewProduct();

        var manual = GearFile.ForProduct(Guid.NewGuid(), product.Id, GearFileType.Manual, GearFileFormat.Pdf, "Scarlett 2i2 user guide.pdf", 2_400_000, Now);

        Assert.Multiple(() =>
        {
            Assert.That(manual.IsCatalogDocument, Is.True);
            Assert.That(manual.OwnerId, Is.Null);
            Assert.That(manual.ProductId, Is.EqualTo(product.Id));
            Assert.That(manual.IsReadableBy(Seller), Is.True);
            Assert.That(manual.IsReadableBy(Stranger), Is.True);
            Assert.That(manual.IsReadableBy(null), Is.True);
        });
    }

    [Test]
    public void Describing_a_file_sets_its_page_count_and_thumbnail_and_renaming_keeps_its_format_s_extension()
    {
        var id = Guid.NewGuid();
        var file = GearFile.ForOwnedGear(id, Owned(Today), GearFileType.Image, GearFileFormat.Png, "front.png", 300_000, Now);

        file.Describe(null, true);
        file.Edit(GearFileType.Document, "back panel.exe", Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(file.ThumbnailKey, Is.EqualTo($"files/{id:N}/thumb-256.webp"));
            Assert.That(file.PageCount, Is.Null);
            Assert.That(file.Type, Is.EqualTo(GearFileType.Document));
            Assert.That(file.FileName, Is.EqualTo("back panel.png"));
            Assert.That(file.UpdatedAt, Is.EqualTo(Now.AddHours(1)));
        });
    }

    // --- products ---

    [Test]
    public void A_product_is_created_with_its_details_trimmed()
    {
        var product = Product.Create(Guid.NewGuid(), Interface() with { Name = "  Scarlett 2i2  ", Brand = " Focusrite ", Model = "  ", Description = null }, Now);

        Assert.Multiple(() =>
        {
            Assert.That(product.Name, Is.EqualTo("Scarlett 2i2"));
            Assert.That(product.Brand, Is.EqualTo("Focusrite"));
            Assert.That(product.Model, Is.Null);
            Assert.That(product.WarrantyMonths, Is.EqualTo(24));
            Assert.That((product.Price, product.Currency), Is.EqualTo(((decimal?)169m, "EUR")));
            Assert.That(product.Status, Is.EqualTo(ProductStatus.Active));
            Assert.That(product.Details with { Name = "x", Brand = "x", Model = "x", Description = "x" },
                Is.EqualTo(Interface() with { Name = "x", Brand = "x", Model = "x", Description = "x" }));
        });
    }

    [TestCase(null)]
    [TestCase("http://example.com")]
    [TestCase("https://focusrite.com/scarlett?ref=veza#specs")]
    [TestCase("HTTPS://FOCUSRITE.COM")]
    public void A_manufacturer_website_is_an_http_or_https_address(string? url)
    {
        Assert.That(Product.IsWebsite(url), Is.True);
        Assert.That(Product.Create(Guid.NewGuid(), Interface() with { ManufacturerWebsite = url }, Now).ManufacturerWebsite, Is.EqualTo(url));
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("ftp://focusrite.com/manual.pdf")]
    [TestCase("file:///etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("focusrite.com")]
    [TestCase("")]
    [TestCase("mailto:support@focusrite.com")]
    public void Any_other_website_is_refused(string url)
    {
        Assert.That(Product.IsWebsite(url), Is.False);
        Assert.Throws<DomainException>(() => Product.Create(Guid.NewGuid(), Interface() with { ManufacturerWebsite = url }, Now));
    }

    [Test]
    public void A_website_is_at_most_five_hundred_characters()
    {
        var prefix = "https://focusrite.com/";

        Assert.That(Product.IsWebsite(prefix + new string('a', 500 - prefix.Length)), Is.True);
        Assert.That(Product.IsWebsite(prefix + new string('a', 501 - prefix.Length)), Is.False);
    }

    [TestCase("{}")]
    [TestCase("""{"inputs":2,"phantom":true,"sample_rates":[44100,48000,96000],"size":{"w":175,"h":43}}""")]
    public void Specifications_are_a_json_object(string json)
    {
        Assert.That(Product.IsSpecification(json), Is.True);
        Assert.That(Product.Create(Guid.NewGuid(), Interface() with { Specifications = json }, Now).Specifications, Is.EqualTo(json));
    }

    [TestCase("[]")]
    [TestCase("[{\"inputs\":2}]")]
    [TestCase("\"inputs\"")]
    [TestCase("42")]
    [TestCase("null")]
    [TestCase("")]
    [TestCase("{")]
    [TestCase("{inputs: 2}")]
    [TestCase("{\"inputs\":2} {}")]
    [TestCase("{\"inputs\":2 /* two */}")]
    public void Anything_but_a_json_object_is_refused_as_specifications(string json)
    {
        Assert.That(Product.IsSpecification(json), Is.False);
        Assert.Throws<DomainException>(() => Product.Create(Guid.NewGuid(), Interface() with { Specifications = json }, Now));
    }

    [Test]
    public void Specifications_are_at_most_sixteen_kilobytes_of_utf8()
    {
        static string Of(int bytes, string filler = "a") => "{\"notes\":\"" + string.Concat(Enumerable.Repeat(filler, (bytes - 12) / Encoding.UTF8.GetByteCount(filler))) + "\"}";

        var largest = Of(Product.MaxSpecificationBytes);
        var oneMore = Of(Product.MaxSpecificationBytes + 1);
        var multiByte = Of(Product.MaxSpecificationBytes + 2, "é"); // 8,199 characters, 16,386 bytes

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetByteCount(largest), Is.EqualTo(16_384));
            Assert.That(Product.IsSpecification(largest), Is.True);
            Assert.That(Encoding.UTF8.GetByteCount(oneMore), Is.EqualTo(16_385));
            Assert.That(Product.IsSpecification(oneMore), Is.False);
            Assert.That(multiByte.Length, Is.LessThan(Product.MaxSpecificationBytes), "counted in bytes, not characters");
            Assert.That(Product.IsSpecification(multiByte), Is.False);
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(24)]
    [TestCase(Product.MaxWarrantyMonths)]
    public void A_warranty_is_zero_to_two_hundred_and_forty_months(int months) =>
        Assert.That(NewProduct(months).WarrantyMonths, Is.EqualTo(months));

    [TestCase(-1)]
    [TestCase(Product.MaxWarrantyMonths + 1)]
    [TestCase(int.MinValue)]
    public void A_warranty_outside_zero_to_two_hundred_and_forty_months_is_refused(int months) =>
        Assert.Throws<DomainException>(() => NewProduct(months));

    [TestCase("")]
    [TestCase("   ")]
    public void A_product_needs_a_name_and_a_brand(string blank)
    {
        Assert.Throws<DomainException>(() => Product.Create(Guid.NewGuid(), Interface() with { Name = blank }, Now));
        Assert.Throws<DomainException>(() => Product.Create(Guid.NewGuid(), Interface() with { Brand = blank }, Now));
        Assert.Throws<DomainException>(() => Product.Create(Guid.NewGuid(), Interface() with { Brand = new string('b', Product.BrandMaxLength + 1) }, Now));
    }

    [Test]
    public void A_price_needs_its_currency() =>
        Assert.Throws<DomainException>(() => Product.Create(Guid.NewGuid(), Interface() with { Currency = null }, Now));

    [Test]
    public void A_refused_edit_leaves_the_product_as_it_was()
    {
        var product = NewProduct();

        Assert.Throws<DomainException>(() => product.Edit(product.Details with { Name = "Scarlett 4i4", ManufacturerWebsite = "javascript:alert(1)" }, Now.AddDays(1)));

        Assert.That((product.Name, product.ManufacturerWebsite, product.UpdatedAt), Is.EqualTo(("Scarlett 2i2 (3rd gen)", "https://focusrite.com/scarlett", Now)));
    }

    [Test]
    public void Discontinuing_a_product_keeps_it_in_the_catalog()
    {
        var product = NewProduct();

        product.Discontinue(Now.AddDays(3));

        Assert.That((product.Status, product.UpdatedAt), Is.EqualTo((ProductStatus.Discontinued, Now.AddDays(3))));
    }

    [TestCase("2024-02-29", 12, "2025-02-28")]
    [TestCase("2024-02-29", 48, "2028-02-29")]
    [TestCase("2025-01-31", 1, "2025-02-28")]
    [TestCase("2024-01-31", 1, "2024-02-29")]
    [TestCase("2025-08-31", 1, "2025-09-30")]
    [TestCase("2026-12-01", 24, "2028-12-01")]
    [TestCase("2026-12-01", 0, "2026-12-01")]
    public void The_default_warranty_end_is_the_purchase_date_plus_the_warranty_months(string purchased, int months, string end) =>
        Assert.That(NewProduct(months).DefaultWarrantyEnd(DateOnly.Parse(purchased)), Is.EqualTo(DateOnly.Parse(end)));

    // --- owned gear ---

    [Test]
    public void Owned_gear_takes_its_warranty_end_from_the_product_by_default()
    {
        var product = NewProduct(24);
        var purchased = new DateOnly(2025, 3, 14);

        var gear = OwnedGear.Record(Guid.NewGuid(), Seller, product, Bought(purchased), Today, Now);

        Assert.Multiple(() =>
        {
            Assert.That(gear.OwnerId, Is.EqualTo(Seller));
            Assert.That(gear.ProductId, Is.EqualTo(product.Id));
            Assert.That(gear.PurchaseDate, Is.EqualTo(purchased));
            Assert.That(gear.WarrantyExpires, Is.EqualTo(new DateOnly(2027, 3, 14)));
            Assert.That(gear.Status, Is.EqualTo(OwnedGearStatus.Active));
            Assert.That((gear.PurchasePrice, gear.Currency), Is.EqualTo(((decimal?)149.90m, "EUR")));
            Assert.That((gear.ReminderMonthSentAt, gear.ReminderWeekSentAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null)));
        });
    }

    [Test]
    public void An_explicit_warranty_end_wins_over_the_product_s()
    {
        var extended = new DateOnly(2030, 6, 30);

        Assert.That(Owned(new DateOnly(2025, 3, 14), extended).WarrantyExpires, Is.EqualTo(extended));
        Assert.That(Owned(null, extended).WarrantyExpires, Is.EqualTo(extended), "without a purchase date too");
        Assert.That(Owned(new DateOnly(2025, 3, 14), extended, NewProduct(0)).WarrantyExpires, Is.EqualTo(extended), "for a product without warranty too");
    }

    [Test]
    public void Without_a_purchase_date_or_a_product_warranty_there_is_no_warranty_end()
    {
        var withoutDate = Owned(null);
        var withoutWarranty = Owned(new DateOnly(2025, 3, 14), product: NewProduct(0));

        Assert.Multiple(() =>
        {
            Assert.That(withoutDate.WarrantyExpires, Is.Null);
            Assert.That(withoutWarranty.WarrantyExpires, Is.Null);
            Assert.That(withoutDate.IsUnderWarranty(Today), Is.False);
            Assert.That(withoutDate.DaysOfWarrantyLeft(Today), Is.Null);
            Assert.That(withoutDate.DueReminder(Today), Is.Null);
        });
    }

    [Test]
    public void A_purchase_date_in_the_future_is_refused_today_is_not()
    {
        Assert.Throws<DomainException>(() => Owned(Today.AddDays(1)));
        Assert.That(Owned(Today).PurchaseDate, Is.EqualTo(Today));

        var gear = Owned(Today.AddDays(-10));
        Assert.Throws<DomainException>(() => gear.Edit(NewProduct(), gear.Details with { PurchaseDate = Today.AddDays(1) }, Today, Now));
        Assert.That(gear.PurchaseDate, Is.EqualTo(Today.AddDays(-10)));
    }

    [Test]
    public void A_purchase_price_needs_a_currency_and_texts_their_limits()
    {
        Assert.Throws<DomainException>(() => OwnedGear.Record(Guid.NewGuid(), Seller, NewProduct(), Bought(Today) with { Currency = null }, Today, Now));
        Assert.Throws<DomainException>(() => OwnedGear.Record(Guid.NewGuid(), Seller, NewProduct(), Bought(Today) with { PurchasePrice = 0m }, Today, Now));
        Assert.Throws<DomainException>(() => OwnedGear.Record(Guid.NewGuid(), Seller, NewProduct(), Bought(Today) with { SerialNumber = new string('s', OwnedGear.SerialMaxLength + 1) }, Today, Now));
        Assert.Throws<DomainException>(() => OwnedGear.Record(Guid.NewGuid(), Seller, NewProduct(), Bought(Today) with { Notes = new string('n', OwnedGear.NotesMaxLength + 1) }, Today, Now));
        Assert.That(OwnedGear.Record(Guid.NewGuid(), Seller, NewProduct(), Bought(Today) with { SerialNumber = "  ", Version = null }, Today, Now).SerialNumber, Is.Null);
    }

    [Test]
    public void A_refused_edit_leaves_the_entry_as_it_was()
    {
        var gear = Owned(Today.AddDays(-10));

        Assert.Throws<DomainException>(() => gear.Edit(NewProduct(), gear.Details with { SerialNumber = "S2I2-0002", Notes = new string('n', OwnedGear.NotesMaxLength + 1) }, Today, Now.AddHours(1)));

        Assert.That((gear.SerialNumber, gear.UpdatedAt), Is.EqualTo(("S2I2-0001", Now)));
    }

    [Test]
    public void The_last_day_of_warranty_has_zero_days_left_and_the_day_after_none()
    {
        var gear = Ending(0);

        Assert.Multiple(() =>
        {
            Assert.That(gear.IsUnderWarranty(Today), Is.True);
            Assert.That(gear.DaysOfWarrantyLeft(Today), Is.EqualTo(0));
            Assert.That(gear.IsUnderWarranty(Today.AddDays(-1)), Is.True);
            Assert.That(gear.DaysOfWarrantyLeft(Today.AddDays(-1)), Is.EqualTo(1));
            Assert.That(gear.IsUnderWarranty(Today.AddDays(1)), Is.False);
            Assert.That(gear.DaysOfWarrantyLeft(Today.AddDays(1)), Is.Null);
        });
    }

    [TestCase(365, null)]
    [TestCase(31, null)]
    [TestCase(30, WarrantyReminder.Month)]
    [TestCase(15, WarrantyReminder.Month)]
    [TestCase(8, WarrantyReminder.Month)]
    [TestCase(7, WarrantyReminder.Week)]
    [TestCase(1, WarrantyReminder.Week)]
    [TestCase(0, WarrantyReminder.Week)]
    [TestCase(-1, null)]
    public void The_month_reminder_is_due_from_thirty_days_left_and_the_week_one_from_seven(int daysLeft, WarrantyReminder? expected) =>
        Assert.That(Ending(daysLeft).DueReminder(Today), Is.EqualTo(expected));

    [Test]
    public void Each_reminder_is_sent_once()
    {
        var gear = Ending(30);

        Assert.That(gear.DueReminder(Today), Is.EqualTo(WarrantyReminder.Month));
        gear.MarkReminded(WarrantyReminder.Month, Now);

        Assert.Multiple(() =>
        {
            Assert.That(gear.ReminderMonthSentAt, Is.EqualTo(Now));
            Assert.That(gear.ReminderWeekSentAt, Is.Null);
            Assert.That(gear.DueReminder(Today), Is.Null, "month reminder again the same day");
            Assert.That(gear.DueReminder(Today.AddDays(22)), Is.Null, "8 days left");
            Assert.That(gear.DueReminder(Today.AddDays(23)), Is.EqualTo(WarrantyReminder.Week), "7 days left");
        });

        gear.MarkReminded(WarrantyReminder.Week, Now.AddDays(23));

        Assert.Multiple(() =>
        {
            Assert.That(gear.ReminderWeekSentAt, Is.EqualTo(Now.AddDays(23)));
            Assert.That(gear.ReminderMonthSentAt, Is.EqualTo(Now), "the month reminder keeps its date");
            Assert.That(gear.DueReminder(Today.AddDays(23)), Is.Null);
            Assert.That(gear.DueReminder(Today.AddDays(30)), Is.Null, "last day");
        });
    }

    [Test]
    public void A_week_reminder_covers_the_month_one_when_the_entry_is_recorded_late()
    {
        var gear = Ending(5);

        Assert.That(gear.DueReminder(Today), Is.EqualTo(WarrantyReminder.Week));
        gear.MarkReminded(WarrantyReminder.Week, Now);

        Assert.Multiple(() =>
        {
            Assert.That(gear.ReminderWeekSentAt, Is.EqualTo(Now));
            Assert.That(gear.ReminderMonthSentAt, Is.EqualTo(Now));
            Assert.That(gear.DueReminder(Today), Is.Null);
            Assert.That(gear.DueReminder(Today.AddDays(5)), Is.Null);
        });
    }

    [Test]
    public void A_new_warranty_end_makes_both_reminders_due_again()
    {
        var product = NewProduct();
        var gear = Ending(5);
        gear.MarkReminded(WarrantyReminder.Week, Now);

        gear.Edit(product, gear.Details with { WarrantyExpires = Today.AddDays(20) }, Today, Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That((gear.ReminderMonthSentAt, gear.ReminderWeekSentAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null)));
            Assert.That(gear.DueReminder(Today), Is.EqualTo(WarrantyReminder.Month));
            Assert.That(gear.DueReminder(Today.AddDays(13)), Is.EqualTo(WarrantyReminder.Week));
            Assert.That(gear.UpdatedAt, Is.EqualTo(Now.AddHours(1)));
        });
    }

    [Test]
    public void An_edit_that_keeps_the_warranty_end_keeps_the_reminders_sent()
    {
        var gear = Ending(20);
        gear.MarkReminded(WarrantyReminder.Month, Now);

        gear.Edit(NewProduct(), gear.Details with { Notes = "Sent back once for a noisy preamp.", SerialNumber = "S2I2-0002" }, Today, Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(gear.ReminderMonthSentAt, Is.EqualTo(Now));
            Assert.That(gear.DueReminder(Today), Is.Null);
            Assert.That(gear.SerialNumber, Is.EqualTo("S2I2-0002"));
        });
    }

    [TestCase(OwnedGearStatus.Sold)]
    [TestCase(OwnedGearStatus.Broken)]
    [TestCase(OwnedGearStatus.Archived)]
    public void Gear_no_longer_active_gets_no_reminder(OwnedGearStatus status)
    {
        Assert.That(Ending(20, status).DueReminder(Today), Is.Null);
        Assert.That(Ending(3, status).DueReminder(Today), Is.Null);

        var gear = Ending(3);
        gear.Edit(NewProduct(), gear.Details with { Status = status }, Today, Now);
        Assert.That(gear.DueReminder(Today), Is.Null);
    }

    [Test]
    public void Details_give_back_what_the_entry_holds()
    {
        var gear = Owned(new DateOnly(2025, 3, 14));

        Assert.That(gear.Details, Is.EqualTo(Bought(new DateOnly(2025, 3, 14), new DateOnly(2027, 3, 14))));
    }

    // --- warranty lists ---

    [Test]
    public void Each_warranty_filter_has_its_range_of_end_dates()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WarrantyRules.Range(WarrantyFilter.Active, Today, 30), Is.EqualTo((Today, DateOnly.MaxValue)));
            Assert.That(WarrantyRules.Range(WarrantyFilter.Expiring, Today, 30), Is.EqualTo((Today, new DateOnly(2026, 12, 31))));
            Assert.That(WarrantyRules.Range(WarrantyFilter.Expiring, Today, 0), Is.EqualTo((Today, Today)), "today only");
            Assert.That(WarrantyRules.Range(WarrantyFilter.Expired, Today, 30), Is.EqualTo((DateOnly.MinValue, new DateOnly(2026, 11, 30))));
            Assert.That(WarrantyRules.Range((WarrantyFilter)99, Today, 30), Is.Null);
            Assert.That(WarrantyRules.DefaultExpiringDays, Is.EqualTo(30));
        });
    }

    [Test]
    public void The_ranges_agree_with_the_entry_s_own_arithmetic()
    {
        foreach (var daysLeft in new[] { -400, -1, 0, 1, 29, 30, 31, 400 })
        {
            var gear = Ending(daysLeft);
            var end = gear.WarrantyExpires!.Value;
            bool In(WarrantyFilter filter) => WarrantyRules.Range(filter, Today, WarrantyRules.DefaultExpiringDays) is (var from, var to) && end >= from && end <= to;

            Assert.Multiple(() =>
            {
                Assert.That(In(WarrantyFilter.Active), Is.EqualTo(gear.IsUnderWarranty(Today)), $"{daysLeft} days: active");
                Assert.That(In(WarrantyFilter.Expired), Is.EqualTo(!gear.IsUnderWarranty(Today)), $"{daysLeft} days: expired");
                Assert.That(In(WarrantyFilter.Expiring), Is.EqualTo(gear.DaysOfWarrantyLeft(Today) is <= 30), $"{daysLeft} days: expiring");
            });
        }
    }
}
