using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Gear;
using Veza.Application.Gear.Owned.Commands.DeleteGear;
using Veza.Application.Gear.Owned.Commands.RecordGear;
using Veza.Application.Gear.Owned.Commands.SendWarrantyReminders;
using Veza.Application.Gear.Products.Commands.DeleteProduct;
using Veza.Application.Notifications;
using Veza.Domain.Gear;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Gear's use cases through MediatR over substitute ports: warranty defaults, ownership, refusals, reminders once each.</summary>
public class GearUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Owner = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a1");
    private static readonly Guid Other = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a2");
    private static readonly Guid Interfaces = Guid.Parse("0193a000-0000-7000-8000-000000000201");

    private readonly Dictionary<Guid, Product> _products = [];
    private readonly Dictionary<Guid, OwnedGear> _gear = [];
    private readonly List<GearFile> _files = [];
    private IUserNotifier _notifier = null!;
    private IProductRepository _productRepository = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _products.Clear();
        _gear.Clear();
        _files.Clear();
        _productRepository = Substitute.For<IProductRepository>();
        _productRepository.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _products.GetValueOrDefault(c.Arg<Guid>()));
        _productRepository.IsOwnedAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _gear.Values.Any(g => g.ProductId == c.Arg<Guid>()));
        var gear = Substitute.For<IOwnedGearRepository>();
        gear.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _gear.GetValueOrDefault(c.Arg<Guid>()));
        gear.When(r => r.Add(Arg.Any<OwnedGear>())).Do(c => _gear[c.Arg<OwnedGear>().Id] = c.Arg<OwnedGear>());
        gear.When(r => r.Remove(Arg.Any<OwnedGear>())).Do(c => _gear.Remove(c.Arg<OwnedGear>().Id));
        gear.ExistsAsync(Arg.Any<Guid>(), Arg.Any<Guid>(), Arg.Any<string?>(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>())
            .Returns(c => c.ArgAt<string?>(2) is { } serial && _gear.Values.Any(g => g.OwnerId == c.ArgAt<Guid>(0) && g.ProductId == c.ArgAt<Guid>(1) && g.SerialNumber == serial));
        gear.WarrantiesEndingAsync(Arg.Any<DateOnly>(), Arg.Any<DateOnly>(), Arg.Any<CancellationToken>())
            .Returns(c => _gear.Values.Where(g => g.WarrantyExpires >= c.ArgAt<DateOnly>(0) && g.WarrantyExpires <= c.ArgAt<DateOnly>(1)).ToList());
        var files = Substitute.For<IGearFileRepository>();
        files.ListOfOwnedGearAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _files.Where(f => f.OwnedGearId == c.Arg<Guid>()).ToList());
        files.ListOfProductAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _files.Where(f => f.ProductId == c.Arg<Guid>()).ToList());
        files.When(r => r.Remove(Arg.Any<GearFile>())).Do(c => _files.Remove(c.Arg<GearFile>()));
        _notifier = Substitute.For<IUserNotifier>();
        return new(services => services.AddSingleton(_productRepository).AddSingleton(gear).AddSingleton(files).AddSingleton(_notifier)
            .AddSingleton(Substitute.For<IGearReadModel>()));
    }

    [Test]
    public async Task Recording_gear_defaults_its_warranty_to_the_products_months_from_the_purchase_date()
    {
        var product = StoredProduct(warrantyMonths: 12);
        SignIn(Owner);

        await App.SendAsync(new RecordGearCommand(product.Id, null, "SN-1", new DateOnly(2024, 2, 29), 149m, "EUR", null, null));
        await App.SendAsync(new RecordGearCommand(product.Id, null, "SN-2", new DateOnly(2024, 3, 1), null, null, new DateOnly(2030, 1, 1), null));

        var bySerial = _gear.Values.ToDictionary(g => g.SerialNumber!);
        Assert.Multiple(() =>
        {
            Assert.That(bySerial["SN-1"].WarrantyExpires, Is.EqualTo(new DateOnly(2025, 2, 28)), "29 February plus a year is 28 February");
            Assert.That(bySerial["SN-2"].WarrantyExpires, Is.EqualTo(new DateOnly(2030, 1, 1)), "an explicit end wins");
            Assert.That(bySerial["SN-1"].OwnerId, Is.EqualTo(Owner));
        });
    }

    [Test]
    public async Task A_duplicate_serial_a_future_purchase_and_an_unknown_product_are_refused()
    {
        var product = StoredProduct();
        SignIn(Owner);
        await App.SendAsync(new RecordGearCommand(product.Id, null, "SN-1", null, null, null, null, null));

        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RecordGearCommand(product.Id, null, " SN-1 ", null, null, null, null, null)));
        var future = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RecordGearCommand(product.Id, null, "SN-9", DateOnly.FromDateTime(ApplicationHarness.Now.UtcDateTime).AddDays(1), null, null, null, null)))!;
        var unknown = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RecordGearCommand(Guid.NewGuid(), null, null, null, null, null, null, null)))!;
        Assert.DoesNotThrowAsync(() => App.SendAsync(new RecordGearCommand(product.Id, null, null, null, null, null, null, null)));
        Assert.DoesNotThrowAsync(() => App.SendAsync(new RecordGearCommand(product.Id, null, null, null, null, null, null, null)));

        Assert.Multiple(() =>
        {
            Assert.That(future.Errors.Single().Field, Is.EqualTo("purchase_date"));
            Assert.That(unknown.Errors.Single().Field, Is.EqualTo("product_id"));
            Assert.That(_gear, Has.Count.EqualTo(3), "entries without a serial are not duplicates of each other");
        });
    }

    [Test]
    public async Task Someone_elses_gear_is_not_found_and_gear_with_files_is_deleted_only_with_them()
    {
        var entry = StoredGear(Owner, StoredProduct());
        var invoice = GearFile.ForOwnedGear(Guid.NewGuid(), entry, GearFileType.Invoice, GearFileFormat.Pdf, "invoice.pdf", 100, ApplicationHarness.Now);
        _files.Add(invoice);

        SignIn(Other);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new DeleteGearCommand(entry.Id, WithFiles: true)));
        SignIn(Owner);
        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new DeleteGearCommand(entry.Id)));
        var kept = _gear.ContainsKey(entry.Id);
        await App.SendAsync(new DeleteGearCommand(entry.Id, WithFiles: true));

        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.True);
            Assert.That((_gear.ContainsKey(entry.Id), _files.Count), Is.EqualTo((false, 0)));
            Assert.That(App.EnqueuedJobs.OfType<Common.Storage.DeleteStoredFilesJob>().Single().Keys, Is.EqualTo(new[] { GearFileKeys.Original(invoice.Id) }), "its bytes go once the delete commits");
        });
    }

    [Test]
    public async Task A_product_people_own_is_not_deleted()
    {
        var owned = StoredProduct();
        StoredGear(Owner, owned);
        var unowned = StoredProduct();
        SignIn(Owner, Role.Admin);

        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new DeleteProductCommand(owned.Id)));
        await App.SendAsync(new DeleteProductCommand(unowned.Id));

        _productRepository.Received(1).Remove(unowned);
        _productRepository.DidNotReceive().Remove(owned);
    }

    [Test]
    public async Task Warranty_reminders_go_out_thirty_and_seven_days_before_the_end_once_each()
    {
        var today = DateOnly.FromDateTime(ApplicationHarness.Now.UtcDateTime);
        var entry = StoredGear(Owner, StoredProduct(), warrantyEnds: today.AddDays(30));

        var first = await App.SendAsync(new SendWarrantyRemindersCommand());
        var again = await App.SendAsync(new SendWarrantyRemindersCommand());
        App.CurrentTime = ApplicationHarness.Now.AddDays(23);
        var week = await App.SendAsync(new SendWarrantyRemindersCommand());
        App.CurrentTime = ApplicationHarness.Now.AddDays(29);
        var lastDays = await App.SendAsync(new SendWarrantyRemindersCommand());

        Assert.Multiple(async () =>
        {
            Assert.That((first, again, week, lastDays), Is.EqualTo((1, 0, 1, 0)));
            await _notifier.Received(2).NotifyAsync(Owner, SendWarrantyRemindersCommandHandler.Kind, Arg.Any<object>(), Arg.Any<CancellationToken>());
            Assert.That((entry.ReminderMonthSentAt, entry.ReminderWeekSentAt), Is.EqualTo(((DateTimeOffset?)ApplicationHarness.Now, (DateTimeOffset?)ApplicationHarness.Now.AddDays(23))));
        });
    }

    private Product StoredProduct(int warrantyMonths = 24)
    {
        var product = Product.Create(Guid.NewGuid(), new ProductDetails("Scarlett 2i2", Interfaces, "Focusrite", "3G", null, null, null, warrantyMonths, null, null, "{}", ProductStatus.Active),
            ApplicationHarness.Now);
        _products[product.Id] = product;
        return product;
    }

    private OwnedGear StoredGear(Guid owner, Product product, DateOnly? warrantyEnds = null)
    {
        var today = DateOnly.FromDateTime(ApplicationHarness.Now.UtcDateTime);
        var entry = OwnedGear.Record(Guid.NewGuid(), owner, product, new OwnedGearDetails(null, null, today.AddDays(-10), null, null, warrantyEnds, null), today, ApplicationHarness.Now);
        _gear[entry.Id] = entry;
        return entry;
    }

    private void SignIn(Guid userId, Role role = Role.User)
    {
        App.Caller.IsAuthenticated.Returns(true);
        App.Caller.UserId.Returns(userId);
        App.Caller.Username.Returns(userId == Owner ? "owner" : "other");
        App.Caller.Role.Returns(role);
    }
}
