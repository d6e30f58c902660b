using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Owned.Commands.UpdateGear;

/// <summary>Changes the fields present of the caller's gear entry (an empty text clears it); status active | sold | broken | archived.</summary>
[Authorize]
public sealed record UpdateGearCommand(
    Guid OwnedGearId, string? Version = null, string? SerialNumber = null, DateOnly? PurchaseDate = null, decimal? PurchasePrice = null, string? Currency = null,
    DateOnly? WarrantyExpires = null, [MultilineText] string? Notes = null, string? Status = null) : ICommand<OwnedGearDto>, IOwnedGearFields;

public sealed class UpdateGearCommandValidator : AbstractValidator<UpdateGearCommand>
{
    public UpdateGearCommandValidator()
    {
        Include(new OwnedGearFieldRules());
        RuleFor(c => c.Status).OneOf<UpdateGearCommand, OwnedGearStatus>("status");
        RuleFor(c => c.WarrantyExpires).Must((c, ends) => ends is null || c.PurchaseDate is null || ends >= c.PurchaseDate)
            .WithMessage("warranty_expires cannot be before purchase_date.");
    }
}

public sealed class UpdateGearCommandHandler(IOwnedGearRepository gear, IProductRepository products, IGearReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<UpdateGearCommand, OwnedGearDto>
{
    public async Task<OwnedGearDto> Handle(UpdateGearCommand request, CancellationToken cancellationToken)
    {
        var entry = await gear.LoadOwnAsync(request.OwnedGearId, caller, cancellationToken);
        var today = clock.Today();
        if (request.PurchaseDate > today)
        {
            throw new RequestValidationException([new FieldError("purchase_date", "A purchase date cannot be in the future.")]);
        }

        var d = entry.Details;
        var serial = request.SerialNumber is null ? d.SerialNumber : string.IsNullOrWhiteSpace(request.SerialNumber) ? null : request.SerialNumber.Trim();
        if (serial != d.SerialNumber && await gear.ExistsAsync(entry.OwnerId, entry.ProductId, serial, entry.Id, cancellationToken))
        {
            throw new ConflictException("You already record this product with this serial number.", "serial_number");
        }

        var product = await products.LoadProductAsync(entry.ProductId, cancellationToken);
        entry.Edit(product, new OwnedGearDetails(
            request.Version ?? d.Version, serial, request.PurchaseDate ?? d.PurchaseDate, request.PurchasePrice ?? d.PurchasePrice, request.Currency ?? d.Currency,
            request.WarrantyExpires ?? d.WarrantyExpires, request.Notes ?? d.Notes, ListingFieldRules.ParseOptional<OwnedGearStatus>(request.Status) ?? d.Status), today, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindOwnedAsync(entry.Id, entry.OwnerId, today, cancellationToken))!;
    }
}
