namespace Veza.Domain.Common;

/// <summary>A business rule was broken (mapped to 422 INVALID_STATE).</summary>
public class DomainException(string message) : Exception(message);
