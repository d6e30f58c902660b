using Microsoft.EntityFrameworkCore;
using Veza.Domain.Gear;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Gear;

internal sealed class ProductRepository(VezaDbContext db) : IProductRepository
{
    public Task<Product?> GetAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<Product>().FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);

    public Task<bool> IsOwnedAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<OwnedGear>().AnyAsync(g => g.ProductId == productId, cancellationToken);

    public void Add(Product product) => db.Set<Product>().Add(product);

    public void Remove(Product product) => db.Set<Product>().Remove(product);
}

internal sealed class OwnedGearRepository(VezaDbContext db) : IOwnedGearRepository
{
    public Task<OwnedGear?> GetAsync(Guid ownedGearId, CancellationToken cancellationToken) =>
        db.Set<OwnedGear>().FirstOrDefaultAsync(g => g.Id == ownedGearId, cancellationToken);

    public Task<bool> ExistsAsync(Guid ownerId, Guid productId, string? serialNumber, Guid? exceptId, CancellationToken cancellationToken) =>
        serialNumber is null
            ? Task.FromResult(false)
            : db.Set<OwnedGear>().AnyAsync(g => g.OwnerId == ownerId && g.ProductId == productId && g.SerialNumber == serialNumber && g.Id != exceptId, cancellationToken);

    public async Task<IReadOnlyList<OwnedGear>> WarrantiesEndingAsync(DateOnly earliest, DateOnly latest, CancellationToken cancellationToken) =>
        await db.Set<OwnedGear>()
            .Where(g => g.Status == OwnedGearStatus.Active && g.WarrantyExpires >= earliest && g.WarrantyExpires <= latest)
            .OrderBy(g => g.WarrantyExpires).ThenBy(g => g.Id)
            .ToListAsync(cancellationToken);

    public void Add(OwnedGear gear) => db.Set<OwnedGear>().Add(gear);

    public void Remove(OwnedGear gear) => db.Set<OwnedGear>().Remove(gear);
}

internal sealed class GearFileRepository(VezaDbContext db) : IGearFileRepository
{
    public Task<GearFile?> GetAsync(Guid fileId, CancellationToken cancellationToken) =>
        db.Set<GearFile>().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);

    public async Task<IReadOnlyList<GearFile>> ListOfOwnedGearAsync(Guid ownedGearId, CancellationToken cancellationToken) =>
        await db.Set<GearFile>().Where(f => f.OwnedGearId == ownedGearId).OrderBy(f => f.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<GearFile>> ListOfProductAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Set<GearFile>().Where(f => f.ProductId == productId).OrderBy(f => f.CreatedAt).ToListAsync(cancellationToken);

    public void Add(GearFile file) => db.Set<GearFile>().Add(file);

    public void Remove(GearFile file) => db.Set<GearFile>().Remove(file);
}
