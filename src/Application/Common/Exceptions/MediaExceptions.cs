namespace Veza.Application.Common.Exceptions;

/// <summary>415: the content is not of a type the endpoint accepts (judged by its bytes, not its name).</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

/// <summary>413: an uploaded file is larger than the use case accepts (the request's body limit is the HTTP layer's).</summary>
public sealed class FileTooLargeException(long limit) : Exception($"The file exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>413 QUOTA_EXCEEDED: storing the upload would take the owner past their plan's quota.</summary>
public sealed class QuotaExceededException(long usedBytes, long limitBytes)
    : Exception($"This upload would exceed your storage quota ({usedBytes} of {limitBytes} bytes used). Delete tracks or upgrade your plan.")
{
    public long UsedBytes { get; } = usedBytes;
    public long LimitBytes { get; } = limitBytes;
}

/// <summary>409: the owner already uploaded these exact bytes; the error details carry the existing resource's id.</summary>
public sealed class DuplicateUploadException(Guid existingId)
    : ConflictException("You already uploaded this file.")
{
    public Guid ExistingId { get; } = existingId;
}
