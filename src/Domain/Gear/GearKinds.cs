namespace Veza.Domain.Gear;

public enum ProductStatus
{
    Active,
    Discontinued,
}

/// <summary>Where a piece of gear someone owns stands.</summary>
public enum OwnedGearStatus
{
    Active,
    Sold,
    Broken,
    Archived,
}

/// <summary>What a stored gear file is, as its owner files it.</summary>
public enum GearFileType
{
    Manual,
    Warranty,
    Invoice,
    Image,
    Document,
}

/// <summary>The formats gear files may have, recognised by their bytes (never by a name or a declared type).</summary>
public enum GearFileFormat
{
    Pdf,
    Png,
    Jpeg,
    Webp,
    Text,
}

/// <summary>Which warranties a list shows.</summary>
public enum WarrantyFilter
{
    /// <summary>Not yet expired (expiring ones included).</summary>
    Active,

    /// <summary>Ends within the expiring window, today included.</summary>
    Expiring,

    /// <summary>Ended before today.</summary>
    Expired,
}
