using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Owned.Commands.RecordGear;

/// <summary>
/// Records a unit of a catalog product the caller owns. The warranty end defaults to the purchase date plus the
/// product's warranty months. A purchase date in the future: 400; the same product and serial twice: 409.
/// </summary>
[Authorize]
public sealed record RecordGearCommand(
    Guid? ProductId, string? Version, string? SerialNumber, DateOnly? PurchaseDate, decimal? PurchasePrice, string? Currency, DateOnly? WarrantyExpires,
    [MultilineText] string? Notes) : ICommand<OwnedGearDto>, IOwnedGearFields;

public sealed class RecordGearCommandValidator : AbstractValidator<RecordGearCommand>
{
    public RecordGearCommandValidator()
    {
        Include(new OwnedGearFieldRules());
        RuleFor(c => c.ProductId).NotNull().WithMessage("product_id is required.");
        RuleFor(c => c.WarrantyExpires).Must((c, ends) => ends is null || c.PurchaseDate is null || ends >= c.PurchaseDate)
            .WithMessage("warranty_expires cannot be before purchase_date.");
    }
}

public sealed class RecordGearCommandHandler(IOwnedGearRepository gear, IProductRepository products, IGearReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<RecordGearCommand, OwnedGearDto>
{
    public async Task<OwnedGearDto> Handle(RecordGearCommand request, CancellationToken cancellationToken)
    {
        var owner = caller.UserId!.Value;
        var product = await products.GetAsync(request.ProductId!.Value, cancellationToken)
            ?? throw new RequestValidationException([new FieldError("product_id", "No product with this id.")]);
        var today = clock.Today();
        if (request.PurchaseDate > today)
        {
            throw new RequestValidationException([new FieldError("purchase_date", "A purchase date cannot be in the future.")]);
        }

        var serial = string.IsNullOrWhiteSpace(request.SerialNumber) ? null : request.SerialNumber.Trim();
        if (await gear.ExistsAsync(owner, product.Id, serial, null, cancellationToken))
        {
            throw new ConflictException("You already record this product with this serial number.", "serial_number");
        }

        var now = clock.UtcNow;
        var entry = OwnedGear.Record(Guid.CreateVersion7(now), owner, product, new OwnedGearDetails(
            request.Version, serial, request.PurchaseDate, request.PurchasePrice, request.Currency, request.WarrantyExpires, request.Notes), today, now);
        gear.Add(entry);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOwnedAsync(entry.Id, owner, today, cancellationToken))!;
    }
}
