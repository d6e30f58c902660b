namespace Veza.Infrastructure.Persistence;

/// <summary>A stored value this build cannot read. Unmapped on purpose: the caller gets 500 INTERNAL_ERROR, the log gets the detail.</summary>
public sealed class StoredDataException(string message) : Exception(message);
