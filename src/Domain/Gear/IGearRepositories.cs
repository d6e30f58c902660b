namespace Veza.Domain.Gear;

public interface IProductRepository
{
    Task<Product?> GetAsync(Guid productId, CancellationToken cancellationToken);

    /// <summary>Whether anybody records a unit of it (then it is discontinued, not deleted).</summary>
    Task<bool> IsOwnedAsync(Guid productId, CancellationToken cancellationToken);

    void Add(Product product);

    void Remove(Product product);
}

public interface IOwnedGearRepository
{
    Task<OwnedGear?> GetAsync(Guid ownedGearId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(Guid ownerId, Guid productId, string? serialNumber, Guid? exceptId, CancellationToken cancellationToken);

    /// <summary>Active entries whose warranty ends between the two days (inclusive), for reminders.</summary>
    Task<IReadOnlyList<OwnedGear>> WarrantiesEndingAsync(DateOnly earliest, DateOnly latest, CancellationToken cancellationToken);

    void Add(OwnedGear gear);

    void Remove(OwnedGear gear);
}

public interface IGearFileRepository
{
    Task<GearFile?> GetAsync(Guid fileId, CancellationToken cancellationToken);

    Task<IReadOnlyList<GearFile>> ListOfOwnedGearAsync(Guid ownedGearId, CancellationToken cancellationToken);

    Task<IReadOnlyList<GearFile>> ListOfProductAsync(Guid productId, CancellationToken cancellationToken);

    void Add(GearFile file);

    void Remove(GearFile file);
}

/// <summary>Reads a stored PDF's page count (an adapter over a PDF tool); null when it cannot tell.</summary>
public interface IPdfInspector
{
    Task<int?> PageCountAsync(Stream pdf, CancellationToken cancellationToken);
}
