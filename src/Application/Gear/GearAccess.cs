using FluentValidation;
using Veza.Application.Common.Exceptions;
using Veza.Application.Marketplace;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear;

/// <summary>Loading gear for its owner (anyone else: 404, never 403: whether an entry exists is the owner's business), and shared field rules.</summary>
public static class GearAccess
{
    public static DateOnly Today(this IClock clock) => DateOnly.FromDateTime(clock.UtcNow.UtcDateTime);

    public static async Task<OwnedGear> LoadOwnAsync(this IOwnedGearRepository gear, Guid id, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var entry = await gear.GetAsync(id, cancellationToken);
        return entry is not null && entry.OwnerId == caller.UserId ? entry : throw new NotFoundException("No gear entry with this id.");
    }

    public static async Task<Product> LoadProductAsync(this IProductRepository products, Guid id, CancellationToken cancellationToken) =>
        await products.GetAsync(id, cancellationToken) ?? throw new NotFoundException("No product with this id.");

    public static async Task<GearFile> LoadOwnFileAsync(this IGearFileRepository files, Guid id, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(id, cancellationToken);
        return file is not null && file.OwnerId is { } owner && owner == caller.UserId ? file : throw new NotFoundException("No file with this id.");
    }

    public static IRuleBuilderOptions<T, string?> FileType<T>(this IRuleBuilder<T, string?> rule) => rule.OneOf<T, GearFileType>("type");
}
