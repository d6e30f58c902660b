namespace Veza.Application.Common.Exceptions;

/// <summary>415: the content is not of a type the endpoint accepts (judged by its bytes, not its name).</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

/// <summary>413: an uploaded file is larger than the use case accepts (the request's body limit is the HTTP layer's).</summary>
public sealed class FileTooLargeException(long limit) : Exception($"The file exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}
