using FluentValidation;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;

namespace Veza.Application.Gear.Owned;

/// <summary>The fields of an owned gear entry (record and update).</summary>
public interface IOwnedGearFields
{
    string? Version { get; }
    string? SerialNumber { get; }
    decimal? PurchasePrice { get; }
    string? Currency { get; }
    string? Notes { get; }
}

public sealed class OwnedGearFieldRules : AbstractValidator<IOwnedGearFields>
{
    public OwnedGearFieldRules()
    {
        RuleFor(g => g.Version).MaxText(OwnedGear.VersionMaxLength, "version");
        RuleFor(g => g.SerialNumber).MaxText(OwnedGear.SerialMaxLength, "serial_number");
        RuleFor(g => g.Notes).MaxText(OwnedGear.NotesMaxLength, "notes");
        RuleFor(g => g.PurchasePrice).Amount("purchase_price");
        RuleFor(g => g.Currency).Currency();
        RuleFor(g => g.Currency).NotNull().When(g => g.PurchasePrice is not null).WithMessage("currency is required with a purchase_price.");
        RuleFor(g => g.PurchasePrice).NotNull().When(g => g.Currency is not null).WithMessage("purchase_price goes with currency.");
    }
}
